// Every app setting of a Function App, in one place: the public app and the operators' app get the
// same settings but for who believes the platform's principal header and which functions are
// disabled. The setting names are literal so that
// Onboarding.Tests/Infrastructure/BicepTemplateTests.cs can check them against the configuration
// the code reads (Section__Property). Nothing secret is in plain text: the HMAC, lookup and field keys,
// the Turnstile secret and the operator key are Key Vault references, storage, Communication Services and Application Insights use the managed identity.

import { journeySettings, limitSettings, retentionSettings } from 'types.bicep'

param functionAppName string
param storageAccountName string
param applicationInsightsName string

@description('https://<name>.<data location>.communication.azure.com')
param communicationEndpoint string

param senderAddress string
param smsFrom string

@description('Where users reach the public app (https://<its default host name> or the publicBaseUrl parameter).')
param publicBaseUrl string

@description('Where e-mail links point (a frontend); empty for the API\'s own confirmation page.')
param emailLinkBase string

@description('Whom people ask: e-mail, phone, help page (each may be empty).')
param supportEmail string
param supportPhone string
param supportUrl string

@description('https://<vault>.vault.azure.net/')
param vaultUri string

param hmacKeySecretName string

@description('Version of the HMAC key secret before the last rotation; empty outside a rotation.')
param previousHmacKeyVersion string

param lookupKeySecretName string

param fieldKeySecretName string

@description('Version of the field key secret before the last rotation; empty once the re-encryption pass moved every row.')
param previousFieldKeyVersion string

param taskHubName string
param journey journeySettings
param retention retentionSettings
param limits limitSettings

@description('none or turnstile: the human check of starts and resends.')
param humanCheckProvider string

@description('Host names (separated by commas) of the pages the human check may be solved on; empty: publicBaseUrl\'s host.')
param humanCheckHostnames string

@description('Name of the secret that holds the Turnstile secret key (read only with turnstile).')
param humanCheckSecretName string

@description('Whether App Service Authentication signs every request in on this app (the operators\' app): only then does the app believe the platform\'s principal header.')
param trustPlatformPrincipal bool

@description('Functions this app does not run (AzureWebJobs.<name>.Disabled): a disabled function is loaded but never triggered and not addressable.')
param disabledFunctions string[]

@description('The app role an operator needs.')
param operatorRole string

@description('Name of the secret that holds the operator key for automation; empty: no key is accepted.')
param operatorKeySecretName string

@description('The journey events\' topic: https://<topic>.<region>-1.eventgrid.azure.net/api/events.')
param eventsTopicEndpoint string

resource site 'Microsoft.Web/sites@2024-11-01' existing = {
  name: functionAppName
}

resource storageAccount 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

var hmacKeySecretUri = '${vaultUri}secrets/${hmacKeySecretName}'
var fieldKeySecretUri = '${vaultUri}secrets/${fieldKeySecretName}'

resource appSettings 'Microsoft.Web/sites/config@2024-11-01' = {
  parent: site
  name: 'appsettings'
  properties: {
    // Functions host and Durable task hub: identity-based storage connection.
    AzureWebJobsStorage__accountName: storageAccount.name
    AzureWebJobsStorage__credential: 'managedidentity'
    TaskHubName: taskHubName
    // The web app is served at the site's root: no Functions home page there.
    AzureWebJobsDisableHomepage: 'true'
    APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD'

    // Section Onboarding (OnboardingOptions)
    Onboarding__PublicBaseUrl: publicBaseUrl
    Onboarding__HmacKey: '@Microsoft.KeyVault(SecretUri=${hmacKeySecretUri})'
    Onboarding__PreviousHmacKey: empty(previousHmacKeyVersion)
      ? ''
      : '@Microsoft.KeyVault(SecretUri=${hmacKeySecretUri}/${previousHmacKeyVersion})'
    Onboarding__LookupKey: '@Microsoft.KeyVault(SecretUri=${vaultUri}secrets/${lookupKeySecretName})'
    Onboarding__FieldKey: '@Microsoft.KeyVault(SecretUri=${fieldKeySecretUri})'
    Onboarding__PreviousFieldKey: empty(previousFieldKeyVersion)
      ? ''
      : '@Microsoft.KeyVault(SecretUri=${fieldKeySecretUri}/${previousFieldKeyVersion})'
    Onboarding__EnableDevelopmentRoutes: 'false'
    Onboarding__EmailLinkBase: emailLinkBase

    // Section Storage (StorageOptions): the app's tables, with the managed identity.
    Storage__TableServiceUri: storageAccount.properties.primaryEndpoints.table

    // Section Messaging (MessagingOptions): Communication Services, with the managed identity.
    Messaging__Endpoint: communicationEndpoint
    Messaging__SenderAddress: senderAddress
    Messaging__SmsFrom: smsFrom

    // Section Journey (JourneyOptions)
    Journey__PhoneCodeValidity: journey.PhoneCodeValidity
    Journey__EmailLinkValidity: journey.EmailLinkValidity
    Journey__ProfileWindow: journey.ProfileWindow
    Journey__DepositWindow: journey.DepositWindow
    Journey__DepositReminderBefore: journey.DepositReminderBefore
    Journey__MaxCodeAttempts: string(journey.MaxCodeAttempts)
    Journey__MaxResends: string(journey.MaxResends)
    Journey__MaxDepositAttempts: string(journey.MaxDepositAttempts)
    Journey__MaxVerificationCycles: string(journey.MaxVerificationCycles)
    Journey__DepositCount: string(journey.DepositCount)
    Journey__EventStreamLifetime: journey.EventStreamLifetime
    Journey__ResumeLinkValidity: journey.ResumeLinkValidity

    // Section Retention (RetentionOptions); the sweep's schedule is its timer trigger's.
    Retention__FinishedJourneyHistory: retention.FinishedJourneyHistory
    Retention__InactiveJourney: retention.InactiveJourney
    Retention__InactiveJourneyNotice: retention.InactiveJourneyNotice
    Retention__VerifiedAccount: retention.VerifiedAccount
    Retention__AuditTrail: retention.AuditTrail
    Retention__ActionLog: retention.ActionLog

    // Section Limits (LimitsOptions): the abuse controls.
    Limits__StartsPerClientPerHour: string(limits.StartsPerClientPerHour)
    Limits__JourneysPerPhonePerDay: string(limits.JourneysPerPhonePerDay)
    Limits__SmsPerCountryPerDay: string(limits.SmsPerCountryPerDay)
    Limits__SmsPerHighRiskCountryPerDay: string(limits.SmsPerHighRiskCountryPerDay)
    Limits__SmsDestinations: limits.SmsDestinations
    Limits__HighRiskSmsDestinations: limits.HighRiskSmsDestinations
    Limits__SmsPerHour: string(limits.SmsPerHour)
    Limits__InputsPerJourneyPerMinute: string(limits.InputsPerJourneyPerMinute)
    Limits__ResendsPerJourneyPerMinute: string(limits.ResendsPerJourneyPerMinute)
    Limits__DepositCyclesPerBankAccount: string(limits.DepositCyclesPerBankAccount)
    Limits__DepositCyclesPerBankAccountAndPerson: string(limits.DepositCyclesPerBankAccountAndPerson)
    Limits__BankAccountWindow: limits.BankAccountWindow
    Limits__JourneysPerPassport: string(limits.JourneysPerPassport)
    Limits__JourneysPerPassportAndPhone: string(limits.JourneysPerPassportAndPhone)
    Limits__PassportWindow: limits.PassportWindow
    Limits__NoticesPerAddressPerDay: string(limits.NoticesPerAddressPerDay)
    Limits__ReadsPerClientPerMinute: string(limits.ReadsPerClientPerMinute)
    Limits__ReadsPerJourneyPerMinute: string(limits.ReadsPerJourneyPerMinute)
    Limits__StreamsPerJourney: string(limits.StreamsPerJourney)
    Limits__StreamsPerClient: string(limits.StreamsPerClient)
    Limits__StreamsPerJourneyPerMinute: string(limits.StreamsPerJourneyPerMinute)
    Limits__ResumeLinksPerAddressPerHour: string(limits.ResumeLinksPerAddressPerHour)

    // Section Support (SupportOptions): whom people ask.
    Support__Email: supportEmail
    Support__Phone: supportPhone
    Support__Url: supportUrl

    // Section HumanCheck (HumanCheckOptions)
    HumanCheck__Provider: humanCheckProvider
    HumanCheck__SecretKey: humanCheckProvider == 'turnstile' ? '@Microsoft.KeyVault(SecretUri=${vaultUri}secrets/${humanCheckSecretName})' : ''
    HumanCheck__SiteVerifyUrl: 'https://challenges.cloudflare.com/turnstile/v0/siteverify'
    HumanCheck__Timeout: '00:00:05'
    HumanCheck__Hostnames: humanCheckHostnames

    // Section Network (NetworkOptions): the worker's requests come from the Functions host on
    // loopback. The host's proxy sets X-Forwarded-For to the address it saw (whatever a client
    // wrote there is dropped) and the worker's ASP.NET Core integration has already made that the
    // connection's address before the app looks (docs/deploy.md "The client's address"); trusting
    // loopback keeps the same answer should a worker ever see the header itself.
    Network__TrustedProxies__0: '127.0.0.1'
    Network__TrustedProxies__1: '::1'

    // Section Operator (OperatorOptions)
    Operator__TrustPlatformPrincipal: string(trustPlatformPrincipal)
    Operator__Role: operatorRole
    Operator__Key: empty(operatorKeySecretName) ? '' : '@Microsoft.KeyVault(SecretUri=${vaultUri}secrets/${operatorKeySecretName})'

    // Section Events (EventsOptions): the journey events' topic, with the managed identity ("EventGrid Data Sender").
    Events__TopicEndpoint: eventsTopicEndpoint
    Events__Source: '/onboarding/journeys'

    // Every function of the build, and whether this app runs it (disabledFunctions): a disabled
    // function is loaded but never triggered and not addressable. A test keeps the list whole.
    'AzureWebJobs.StartJourney.Disabled': string(contains(disabledFunctions, 'StartJourney'))
    'AzureWebJobs.GetJourney.Disabled': string(contains(disabledFunctions, 'GetJourney'))
    'AzureWebJobs.CancelJourney.Disabled': string(contains(disabledFunctions, 'CancelJourney'))
    'AzureWebJobs.SubmitPhoneCode.Disabled': string(contains(disabledFunctions, 'SubmitPhoneCode'))
    'AzureWebJobs.ResendPhoneCode.Disabled': string(contains(disabledFunctions, 'ResendPhoneCode'))
    'AzureWebJobs.ShowEmailConfirmation.Disabled': string(contains(disabledFunctions, 'ShowEmailConfirmation'))
    'AzureWebJobs.ConfirmEmail.Disabled': string(contains(disabledFunctions, 'ConfirmEmail'))
    'AzureWebJobs.ResendEmailLink.Disabled': string(contains(disabledFunctions, 'ResendEmailLink'))
    'AzureWebJobs.SubmitProfile.Disabled': string(contains(disabledFunctions, 'SubmitProfile'))
    'AzureWebJobs.RequestVerification.Disabled': string(contains(disabledFunctions, 'RequestVerification'))
    'AzureWebJobs.SubmitDepositAmounts.Disabled': string(contains(disabledFunctions, 'SubmitDepositAmounts'))
    'AzureWebJobs.JourneyEvents.Disabled': string(contains(disabledFunctions, 'JourneyEvents'))
    'AzureWebJobs.GetRegistrationOptions.Disabled': string(contains(disabledFunctions, 'GetRegistrationOptions'))
    'AzureWebJobs.ResumeJourney.Disabled': string(contains(disabledFunctions, 'ResumeJourney'))
    'AzureWebJobs.RequestResumeLink.Disabled': string(contains(disabledFunctions, 'RequestResumeLink'))
    'AzureWebJobs.JourneyOrchestrator.Disabled': string(contains(disabledFunctions, 'JourneyOrchestrator'))
    'AzureWebJobs.SendPhoneCode.Disabled': string(contains(disabledFunctions, 'SendPhoneCode'))
    'AzureWebJobs.SendEmailLink.Disabled': string(contains(disabledFunctions, 'SendEmailLink'))
    'AzureWebJobs.OpenAccountV2.Disabled': string(contains(disabledFunctions, 'OpenAccountV2'))
    'AzureWebJobs.SendDeposits.Disabled': string(contains(disabledFunctions, 'SendDeposits'))
    'AzureWebJobs.CompleteVerificationV2.Disabled': string(contains(disabledFunctions, 'CompleteVerificationV2'))
    'AzureWebJobs.NotifyUser.Disabled': string(contains(disabledFunctions, 'NotifyUser'))
    'AzureWebJobs.FinishJourney.Disabled': string(contains(disabledFunctions, 'FinishJourney'))
    'AzureWebJobs.RecordProgress.Disabled': string(contains(disabledFunctions, 'RecordProgress'))
    'AzureWebJobs.OpenAccountV3.Disabled': string(contains(disabledFunctions, 'OpenAccountV3'))
    'AzureWebJobs.SendDepositsV3.Disabled': string(contains(disabledFunctions, 'SendDepositsV3'))
    'AzureWebJobs.CompleteVerificationV3.Disabled': string(contains(disabledFunctions, 'CompleteVerificationV3'))
    'AzureWebJobs.OpenAccount.Disabled': string(contains(disabledFunctions, 'OpenAccount'))
    'AzureWebJobs.CompleteVerification.Disabled': string(contains(disabledFunctions, 'CompleteVerification'))
    'AzureWebJobs.ReleaseRegistration.Disabled': string(contains(disabledFunctions, 'ReleaseRegistration'))
    'AzureWebJobs.ListJourneys.Disabled': string(contains(disabledFunctions, 'ListJourneys'))
    'AzureWebJobs.GetOperatorJourney.Disabled': string(contains(disabledFunctions, 'GetOperatorJourney'))
    'AzureWebJobs.EraseJourney.Disabled': string(contains(disabledFunctions, 'EraseJourney'))
    'AzureWebJobs.TerminateJourney.Disabled': string(contains(disabledFunctions, 'TerminateJourney'))
    'AzureWebJobs.UnlockJourney.Disabled': string(contains(disabledFunctions, 'UnlockJourney'))
    'AzureWebJobs.Funnel.Disabled': string(contains(disabledFunctions, 'Funnel'))
    'AzureWebJobs.OperatorActions.Disabled': string(contains(disabledFunctions, 'OperatorActions'))
    'AzureWebJobs.OperatorPage.Disabled': string(contains(disabledFunctions, 'OperatorPage'))
    'AzureWebJobs.OperatorPageFile.Disabled': string(contains(disabledFunctions, 'OperatorPageFile'))
    'AzureWebJobs.RequestErasure.Disabled': string(contains(disabledFunctions, 'RequestErasure'))
    'AzureWebJobs.RetentionSweep.Disabled': string(contains(disabledFunctions, 'RetentionSweep'))
    'AzureWebJobs.EventRelay.Disabled': string(contains(disabledFunctions, 'EventRelay'))
    'AzureWebJobs.ReplayJourneyEvents.Disabled': string(contains(disabledFunctions, 'ReplayJourneyEvents'))
    'AzureWebJobs.Health.Disabled': string(contains(disabledFunctions, 'Health'))
    'AzureWebJobs.OpenApi.Disabled': string(contains(disabledFunctions, 'OpenApi'))
    'AzureWebJobs.DevOutbox.Disabled': string(contains(disabledFunctions, 'DevOutbox'))
    'AzureWebJobs.DevOutboxMessages.Disabled': string(contains(disabledFunctions, 'DevOutboxMessages'))
    'AzureWebJobs.DevBankTransfers.Disabled': string(contains(disabledFunctions, 'DevBankTransfers'))
    'AzureWebJobs.DevEvents.Disabled': string(contains(disabledFunctions, 'DevEvents'))
    'AzureWebJobs.WebApp.Disabled': string(contains(disabledFunctions, 'WebApp'))
    'AzureWebJobs.WebAppFile.Disabled': string(contains(disabledFunctions, 'WebAppFile'))
  }
}

