// Onboarding on Azure. One subscription-scoped deployment creates the resource group and every
// resource of an environment:
//
//   az deployment sub create --name onboarding-dev --location <region> \
//     --template-file infra/main.bicep --parameters infra/main.dev.bicepparam
//
// Function App (Flex Consumption, .NET 10 isolated, Durable Functions on the Azure Storage
// provider), with operator sign-in a second Function App for the operators' surface alone
// (docs/decisions/0020-operators-sign-in-in-their-own-app.md), their storage account (no shared keys), Application Insights + Log Analytics,
// Communication Services (e-mail domain, SMS), Key Vault (the HMAC, lookup and field keys, the
// Turnstile secret, the operator key), the app identity's role assignments, App Service
// Authentication for operators, the abuse alert, diagnostic settings that send every resource's logs
// to Log Analytics, and (networkIsolation) a virtual network in which storage and Key Vault are reached
// through private endpoints only. See docs/deploy.md for the steps around it (publish, SMS number, rotation).

targetScope = 'subscription'

import { journeySettings, limitSettings, retentionSettings, alwaysReadyGroup } from 'modules/types.bicep'

@minLength(2)
@maxLength(12)
@description('Short environment name, lower-case letters and digits (dev, test, prod); part of every resource name.')
param environmentName string

@description('Azure region of the resource group and the regional resources; it must offer Flex Consumption (az functionapp list-flexconsumption-locations).')
param location string

@description('Resource group to create or update.')
param resourceGroupName string = 'rg-onboarding-${environmentName}'

@description('Where Communication Services and the e-mail service keep data at rest: United States, Europe, Asia Pacific, UK, ...')
param communicationDataLocation string = 'United States'

@description('A domain you own to send e-mail from (e.g. mail.example.com). Empty: send from the Azure-managed <guid>.azurecomm.net domain.')
param customEmailDomain string = ''

@description('Set to true once the DNS records of customEmailDomain are verified; only then is the domain linked and used as sender.')
param customEmailDomainVerified bool = false

@minLength(1)
@description('The SMS sender: a phone number in E.164 bought on the Communication Services resource, or an alphanumeric sender ID where allowed.')
param smsFrom string

@secure()
@description('The HMAC key, base64 of at least 32 random bytes. Required on the first deployment; later, empty keeps the stored key and a value starts a rotation.')
param hmacKey string = ''

@secure()
@description('The lookup key (keyed hashes of personal values compared for equality), base64 of at least 32 random bytes. Required on the first deployment; empty keeps the stored key. Never rotated in place.')
param lookupKey string = ''

@description('During an HMAC key rotation: the version id of the key secret before the rotation. Empty otherwise.')
param previousHmacKeyVersion string = ''

@secure()
@description('The field key (AES-256 of passport numbers, birth dates, bank account numbers and holder names in the tables), base64 of 32 random bytes. Required on the first deployment; later, empty keeps the stored key and a value starts a rotation.')
param fieldKey string = ''

@description('During a field key rotation: the version id of the field key secret before the rotation, until the re-encryption pass moved every row. Empty otherwise.')
param previousFieldKeyVersion string = ''

@description('Where users reach the API (a custom domain or gateway). Empty: https://<the function app default host name>.')
param publicBaseUrl string = ''

@description('Where e-mail links point: a frontend page (or a mobile app\'s universal link) that gets #journey=<id>&token=<token>, e.g. https://<the app default host name>/ for the web app the Function App serves. Empty: the API\'s own confirmation page.')
param emailLinkBase string = ''

@description('Whom people ask when their journey cannot go on by itself (a locked verification): an e-mail address the web app and every e-mail name. Empty: they are told the team writes to them.')
param supportEmail string = ''

@description('The support team\'s phone number as people dial it (e.g. +86 400 000 0000); empty: none shown.')
param supportPhone string = ''

@description('A help page (https); empty: none shown.')
param supportUrl string = ''

@description('The exact origins (https://app.example.com) whose pages may call the API from a browser (CORS). Empty: only the web app the Function App serves itself.')
param corsAllowedOrigins string[] = []

@description('Durable Functions task hub name (letters and digits). Changing it starts an empty task hub: running journeys stay in the old one.')
param taskHubName string = 'Onboarding'

@description('The journey windows and limits; the defaults are the production policy (Onboarding.Domain JourneyPolicy.Default).')
param journey journeySettings = {
  PhoneCodeValidity: '00:10:00'
  EmailLinkValidity: '1.00:00:00'
  ProfileWindow: '7.00:00:00'
  DepositWindow: '2.00:00:00'
  DepositReminderBefore: '1.00:00:00'
  MaxCodeAttempts: 5
  MaxResends: 3
  MaxDepositAttempts: 3
  MaxVerificationCycles: 3
  DepositCount: 2
  EventStreamLifetime: '00:05:00'
  ResumeLinkValidity: '1.00:00:00'
}

@description('How long each kind of personal data is kept; the defaults are the policy of the README ("Personal data") and RetentionOptions.')
param retention retentionSettings = {
  FinishedJourneyHistory: '30.00:00:00'
  InactiveJourney: '90.00:00:00'
  InactiveJourneyNotice: '14.00:00:00'
  VerifiedAccount: '1826.00:00:00'
  AuditTrail: '365.00:00:00'
  ActionLog: '1826.00:00:00'
}

@description('Storage and Key Vault refuse public network access: the app reaches them through private endpoints in a virtual network it is integrated into. Off only for a throwaway environment reached from a laptop.')
param networkIsolation bool = true

@description('Address space of the virtual network (networkIsolation); the app and the private endpoints take its first two /24 subnets.')
param vnetAddressPrefix string = '10.40.0.0/16'

@description('The abuse limits; the defaults are the production policy (Onboarding.Application LimitsOptions, README "Abuse and fraud controls").')
param limits limitSettings = {
  StartsPerClientPerHour: 10
  JourneysPerPhonePerDay: 3
  SmsPerCountryPerDay: 1000
  SmsPerHighRiskCountryPerDay: 20
  SmsDestinations: 'default'
  HighRiskSmsDestinations: 'default'
  SmsPerHour: 500
  InputsPerJourneyPerMinute: 30
  ResendsPerJourneyPerMinute: 2
  DepositCyclesPerBankAccount: 3
  DepositCyclesPerBankAccountAndPerson: 2
  BankAccountWindow: '90.00:00:00'
  JourneysPerPassport: 10
  JourneysPerPassportAndPhone: 3
  PassportWindow: '365.00:00:00'
  NoticesPerAddressPerDay: 3
  ReadsPerClientPerMinute: 300
  ReadsPerJourneyPerMinute: 120
  StreamsPerJourney: 3
  StreamsPerClient: 20
  StreamsPerJourneyPerMinute: 10
  ResumeLinksPerAddressPerHour: 3
}

@allowed(['none', 'turnstile'])
@description('The human check of starts and resends: turnstile (Cloudflare; set humanCheckSecret on the first deployment) or none.')
param humanCheckProvider string = 'none'

@description('Host names (separated by commas) of the pages the human check widget may be solved on; empty: the app\'s own (publicBaseUrl\'s host).')
param humanCheckHostnames string = ''

@secure()
@description('The Turnstile widget\'s secret key. Written to Key Vault when given; empty keeps the stored one.')
param humanCheckSecret string = ''

@description('Client id of the Entra app registration operators sign in to. Set: a second Function App serves the operator routes and page behind App Service Authentication (docs/deploy.md). Empty: no sign-in, operators use the operator key on the public app.')
param operatorClientId string = ''

@description('The app role a signed-in operator needs.')
param operatorRole string = 'Onboarding.Operator'

@secure()
@description('The operator key for automation (x-functions-key). Written to Key Vault when given; empty keeps the stored one.')
param operatorKey string = ''

@description('Whether an operator key is in Key Vault (set by an earlier deployment or this one); false: automation has no key.')
param operatorKeyStored bool = false

@minValue(1)
@description('SMS in one hour above which the abuse alert fires (the default SMS budget is 500 an hour).')
param smsPerHourAlertThreshold int = 400

@description('E-mail addresses the abuse alert goes to. Empty: the alert shows in the portal only.')
param alertEmails string[] = []

@allowed([512, 2048, 4096])
@description('Memory of each Function App instance in MB.')
param instanceMemoryMB int = 2048

@minValue(1)
@maxValue(1000)
@description('The most instances the Function App scales out to.')
param maximumInstanceCount int = 40

@description('Instances kept running per scale group of the public app: http answers requests without a cold start, durable applies inputs without one (docs/deploy.md "Costs and limits"); the only compute billed at rest.')
param alwaysReady alwaysReadyGroup[] = [
  {
    name: 'http'
    instanceCount: 1
  }
  {
    name: 'durable'
    instanceCount: 1
  }
]

@minValue(1)
@maxValue(1000)
@description('Concurrent HTTP invocations per instance of the public app. Input routes wait up to 10 s and each open event stream is one invocation for Journey.EventStreamLifetime, mostly idle: far more fit on an instance than the platform default for its size (16 at 2048 MB).')
param httpPerInstanceConcurrency int = 100

@secure()
@description('The example subscription of the journey events\' topic: a webhook that answers the CloudEvents handshake (samples/Onboarding.EventConsumer, deployed elsewhere); it may carry a secret in its query. Empty: no subscription (add your own).')
param eventSubscriberEndpoint string = ''

@description('The event types the example subscription takes (onboarding.journey.verified, ...); empty: all of them.')
param eventSubscriberEventTypes string[] = []

@description('Key Vault purge protection (cannot be turned off once on). Recommended for production; off lets a deleted dev vault name be purged and reused.')
param keyVaultPurgeProtection bool = true

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  application: 'onboarding'
  environment: environmentName
}
var names = {
  functionApp: 'func-onboarding-${environmentName}-${resourceToken}'
  plan: 'plan-onboarding-${environmentName}'
  operatorsApp: 'func-onboarding-ops-${environmentName}-${resourceToken}'
  operatorsPlan: 'plan-onboarding-ops-${environmentName}'
  storageAccount: 'stonboard${resourceToken}'
  deploymentContainer: 'app-package'
  operatorsDeploymentContainer: 'app-package-ops'
  workspace: 'log-onboarding-${environmentName}'
  applicationInsights: 'appi-onboarding-${environmentName}'
  vault: 'kv-onb-${resourceToken}'
  emailService: 'ecs-onboarding-${environmentName}-${resourceToken}'
  communicationService: 'acs-onboarding-${environmentName}-${resourceToken}'
  vnet: 'vnet-onboarding-${environmentName}'
  eventTopic: 'evgt-onboarding-${environmentName}-${resourceToken}'
  eventDeadLetterAccount: 'stonbdl${resourceToken}'
}
var hmacKeySecretName = 'onboarding-hmac-key'
var lookupKeySecretName = 'onboarding-lookup-key'
var fieldKeySecretName = 'onboarding-field-key'
var humanCheckSecretName = 'onboarding-turnstile-secret'
var operatorKeySecretName = 'onboarding-operator-key'
var operatorSignIn = !empty(operatorClientId)

// What each app does not run (AzureWebJobs.<name>.Disabled), by function name as the build
// generates them (Onboarding.Tests/Infrastructure/FlexTemplateTests.cs checks these lists against
// functions.metadata). The public app: everything but the development routes. The operators' app:
// only the operator routes, the operator page and health — no journey route (so no journey's bearer
// token ever meets App Service Authentication), no orchestration or activity, no timer.
var publicAppDisabledFunctions = [
  'DevOutbox'
  'DevOutboxMessages'
  'DevBankTransfers'
  'DevEvents'
]
var operatorsAppDisabledFunctions = [
  'StartJourney'
  'GetJourney'
  'CancelJourney'
  'SubmitPhoneCode'
  'ResendPhoneCode'
  'ShowEmailConfirmation'
  'ConfirmEmail'
  'ResendEmailLink'
  'SubmitProfile'
  'RequestVerification'
  'SubmitDepositAmounts'
  'JourneyEvents'
  'RequestErasure'
  'GetRegistrationOptions'
  'ResumeJourney'
  'RequestResumeLink'
  'JourneyOrchestrator'
  'SendPhoneCode'
  'SendEmailLink'
  'OpenAccount'
  'OpenAccountV2'
  'SendDeposits'
  'CompleteVerification'
  'CompleteVerificationV2'
  'NotifyUser'
  'FinishJourney'
  'RecordProgress'
  'ReleaseRegistration'
  'OpenAccountV3'
  'SendDepositsV3'
  'CompleteVerificationV3'
  'RetentionSweep'
  'EventRelay'
  'OpenApi'
  'WebApp'
  'WebAppFile'
  'DevOutbox'
  'DevOutboxMessages'
  'DevBankTransfers'
  'DevEvents'
]

resource rg 'Microsoft.Resources/resourceGroups@2024-11-01' = {
  name: resourceGroupName
  location: location
  tags: tags
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'onboarding-monitoring'
  scope: rg
  params: {
    location: location
    tags: tags
    workspaceName: names.workspace
    applicationInsightsName: names.applicationInsights
  }
}

module storage 'modules/storage.bicep' = {
  name: 'onboarding-storage'
  scope: rg
  params: {
    location: location
    tags: tags
    accountName: names.storageAccount
    deploymentContainerNames: [names.deploymentContainer, names.operatorsDeploymentContainer]
    publicNetworkAccess: !networkIsolation
  }
}

module network 'modules/network.bicep' = if (networkIsolation) {
  name: 'onboarding-network'
  scope: rg
  params: {
    location: location
    tags: tags
    vnetName: names.vnet
    addressPrefix: vnetAddressPrefix
  }
}

module communication 'modules/communication.bicep' = {
  name: 'onboarding-communication'
  scope: rg
  params: {
    tags: tags
    emailServiceName: names.emailService
    communicationServiceName: names.communicationService
    dataLocation: communicationDataLocation
    customEmailDomain: customEmailDomain
    customEmailDomainVerified: customEmailDomainVerified
  }
}

module keyVault 'modules/keyVault.bicep' = {
  name: 'onboarding-keyvault'
  scope: rg
  params: {
    location: location
    tags: tags
    vaultName: names.vault
    hmacKeySecretName: hmacKeySecretName
    hmacKey: hmacKey
    lookupKeySecretName: lookupKeySecretName
    lookupKey: lookupKey
    fieldKeySecretName: fieldKeySecretName
    fieldKey: fieldKey
    enablePurgeProtection: keyVaultPurgeProtection
    publicNetworkAccess: !networkIsolation
  }
}

module privateEndpoints 'modules/privateEndpoints.bicep' = if (networkIsolation) {
  name: 'onboarding-private-endpoints'
  scope: rg
  params: {
    location: location
    tags: tags
    storageAccountName: storage.outputs.accountName
    vaultName: keyVault.outputs.vaultName
    endpointSubnetId: network!.outputs.endpointSubnetId
    storageServices: network!.outputs.storageServices
    storageZoneIds: network!.outputs.storageZoneIds
    vaultZoneId: network!.outputs.vaultZoneId
  }
}

module functionApp 'modules/functionApp.bicep' = {
  name: 'onboarding-functionapp'
  scope: rg
  params: {
    location: location
    tags: tags
    planName: names.plan
    functionAppName: names.functionApp
    deploymentContainerUrl: '${storage.outputs.blobEndpoint}${names.deploymentContainer}'
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    alwaysReady: alwaysReady
    httpPerInstanceConcurrency: httpPerInstanceConcurrency
    subnetId: networkIsolation ? network!.outputs.appSubnetId : ''
    corsAllowedOrigins: corsAllowedOrigins
  }
}

// The operators' app: the same package, its own plan, identity, subnet and deployment container;
// scaled to zero at rest (no always-ready instance), a handful of people at a time.
module operatorsApp 'modules/functionApp.bicep' = if (operatorSignIn) {
  name: 'onboarding-operators-app'
  scope: rg
  params: {
    location: location
    tags: tags
    planName: names.operatorsPlan
    functionAppName: names.operatorsApp
    deploymentContainerUrl: '${storage.outputs.blobEndpoint}${names.operatorsDeploymentContainer}'
    instanceMemoryMB: 2048
    maximumInstanceCount: 40
    alwaysReady: []
    httpPerInstanceConcurrency: 16
    subnetId: networkIsolation ? network!.outputs.operatorsSubnetId : ''
    corsAllowedOrigins: []
  }
}

// The journey events' topic: both apps publish (the public app's steps, the operators' erase).
module events 'modules/eventGrid.bicep' = {
  name: 'onboarding-events'
  scope: rg
  params: {
    location: location
    tags: tags
    topicName: names.eventTopic
    deadLetterAccountName: names.eventDeadLetterAccount
    publisherPrincipalIds: operatorSignIn ? [functionApp.outputs.principalId, operatorsApp!.outputs.principalId] : [functionApp.outputs.principalId]
    networkIsolation: networkIsolation
    endpointSubnetId: networkIsolation ? network!.outputs.endpointSubnetId : ''
    vnetId: networkIsolation ? network!.outputs.vnetId : ''
    subscriberEndpoint: eventSubscriberEndpoint
    subscriberEventTypes: eventSubscriberEventTypes
  }
}

module diagnostics 'modules/diagnostics.bicep' = {
  name: 'onboarding-diagnostics'
  scope: rg
  params: {
    workspaceId: monitoring.outputs.workspaceId
    storageAccountName: storage.outputs.accountName
    vaultName: keyVault.outputs.vaultName
    functionAppName: functionApp.outputs.functionAppName
    operatorsAppName: operatorSignIn ? operatorsApp!.outputs.functionAppName : ''
    communicationServiceName: communication.outputs.communicationServiceName
  }
}

module operatorAccess 'modules/operatorAccess.bicep' = if (operatorSignIn) {
  name: 'onboarding-operator-access'
  scope: rg
  params: {
    operatorsAppName: operatorsApp!.outputs.functionAppName
    operatorClientId: operatorClientId
  }
}

module operatorKeyValue 'modules/vaultSecret.bicep' = if (!empty(operatorKey)) {
  name: 'onboarding-operator-key'
  scope: rg
  params: {
    vaultName: keyVault.outputs.vaultName
    secretName: operatorKeySecretName
    value: operatorKey
  }
}

module humanCheckSecretValue 'modules/vaultSecret.bicep' = if (!empty(humanCheckSecret)) {
  name: 'onboarding-turnstile-secret'
  scope: rg
  params: {
    vaultName: keyVault.outputs.vaultName
    secretName: humanCheckSecretName
    value: humanCheckSecret
  }
}

module abuseAlerts 'modules/abuseAlerts.bicep' = {
  name: 'onboarding-abuse-alerts'
  scope: rg
  params: {
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    tags: tags
    alertName: 'alert-onboarding-sms-per-hour-${environmentName}'
    smsPerHourThreshold: smsPerHourAlertThreshold
    alertEmails: alertEmails
  }
}

module roleAssignments 'modules/roleAssignments.bicep' = {
  name: 'onboarding-roles'
  scope: rg
  params: {
    principalId: functionApp.outputs.principalId
    storageAccountName: storage.outputs.accountName
    vaultName: keyVault.outputs.vaultName
    communicationServiceName: communication.outputs.communicationServiceName
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    sendsMessages: true
  }
}

module operatorsRoleAssignments 'modules/roleAssignments.bicep' = if (operatorSignIn) {
  name: 'onboarding-operators-roles'
  scope: rg
  params: {
    principalId: operatorsApp!.outputs.principalId
    storageAccountName: storage.outputs.accountName
    vaultName: keyVault.outputs.vaultName
    communicationServiceName: communication.outputs.communicationServiceName
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    sendsMessages: false
  }
}

var publicUrl = empty(publicBaseUrl) ? 'https://${functionApp.outputs.defaultHostName}' : publicBaseUrl

module appSettings 'modules/appSettings.bicep' = {
  name: 'onboarding-appsettings'
  scope: rg
  params: {
    functionAppName: functionApp.outputs.functionAppName
    storageAccountName: storage.outputs.accountName
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    communicationEndpoint: communication.outputs.endpoint
    senderAddress: communication.outputs.senderAddress
    smsFrom: smsFrom
    publicBaseUrl: publicUrl
    emailLinkBase: emailLinkBase
    supportEmail: supportEmail
    supportPhone: supportPhone
    supportUrl: supportUrl
    vaultUri: keyVault.outputs.vaultUri
    hmacKeySecretName: hmacKeySecretName
    previousHmacKeyVersion: previousHmacKeyVersion
    lookupKeySecretName: lookupKeySecretName
    fieldKeySecretName: fieldKeySecretName
    previousFieldKeyVersion: previousFieldKeyVersion
    taskHubName: taskHubName
    journey: journey
    retention: retention
    limits: limits
    humanCheckProvider: humanCheckProvider
    humanCheckHostnames: humanCheckHostnames
    humanCheckSecretName: humanCheckSecretName
    trustPlatformPrincipal: false
    disabledFunctions: publicAppDisabledFunctions
    eventsTopicEndpoint: events.outputs.topicEndpoint
    operatorRole: operatorRole
    operatorKeySecretName: operatorKeyStored || !empty(operatorKey) ? operatorKeySecretName : ''
  }
  // The identity can read the keys and reach storage (through the private endpoints, when isolated)
  // before the app first starts with these settings.
  dependsOn: [
    roleAssignments
    privateEndpoints
    humanCheckSecretValue
    operatorKeyValue
  ]
}

module operatorsAppSettings 'modules/appSettings.bicep' = if (operatorSignIn) {
  name: 'onboarding-operators-appsettings'
  scope: rg
  params: {
    functionAppName: operatorsApp!.outputs.functionAppName
    storageAccountName: storage.outputs.accountName
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    communicationEndpoint: communication.outputs.endpoint
    senderAddress: communication.outputs.senderAddress
    smsFrom: smsFrom
    publicBaseUrl: publicUrl
    emailLinkBase: emailLinkBase
    supportEmail: supportEmail
    supportPhone: supportPhone
    supportUrl: supportUrl
    vaultUri: keyVault.outputs.vaultUri
    hmacKeySecretName: hmacKeySecretName
    previousHmacKeyVersion: previousHmacKeyVersion
    lookupKeySecretName: lookupKeySecretName
    fieldKeySecretName: fieldKeySecretName
    previousFieldKeyVersion: previousFieldKeyVersion
    taskHubName: taskHubName
    journey: journey
    retention: retention
    limits: limits
    humanCheckProvider: humanCheckProvider
    humanCheckHostnames: humanCheckHostnames
    humanCheckSecretName: humanCheckSecretName
    trustPlatformPrincipal: true
    disabledFunctions: operatorsAppDisabledFunctions
    eventsTopicEndpoint: events.outputs.topicEndpoint
    operatorRole: operatorRole
    operatorKeySecretName: operatorKeyStored || !empty(operatorKey) ? operatorKeySecretName : ''
  }
  // Sign-in is on before the app believes the principal header; the identity holds its roles.
  dependsOn: [
    operatorAccess
    operatorsRoleAssignments
    privateEndpoints
    humanCheckSecretValue
    operatorKeyValue
  ]
}

@description('The function app name (for az functionapp deploy / func azure functionapp publish).')
output functionAppName string = functionApp.outputs.functionAppName

@description('The function app URL.')
output functionAppUrl string = 'https://${functionApp.outputs.defaultHostName}'

@description('The base URL e-mail links point to.')
output publicBaseUrl string = publicUrl

@description('The operators\' Function App (publish the same package to it); empty without operator sign-in.')
output operatorsAppName string = operatorSignIn ? operatorsApp!.outputs.functionAppName : ''

@description('Where operators sign in: the operator page of the operators\' app; empty without operator sign-in.')
output operatorsAppUrl string = operatorSignIn ? 'https://${operatorsApp!.outputs.defaultHostName}/ops' : ''

output resourceGroupName string = rg.name
output keyVaultName string = keyVault.outputs.vaultName
output hmacKeySecretName string = hmacKeySecretName
output fieldKeySecretName string = fieldKeySecretName
output communicationServiceName string = communication.outputs.communicationServiceName

@description('The journey events\' Event Grid topic (subscribe your consumers to it).')
output eventTopicName string = events.outputs.topicName
output emailSenderAddress string = communication.outputs.senderAddress

@description('DNS records to create when customEmailDomain is set (then verify the domain and redeploy with customEmailDomainVerified=true).')
output customEmailDomainVerificationRecords object = communication.outputs.customDomainVerificationRecords
