// Azure Communication Services for e-mail and SMS: an Email Communication Service with an
// Azure-managed domain (<guid>.azurecomm.net, ready at once) and, optionally, a custom domain,
// linked to a Communication Services resource. Access keys are disabled: the app sends with its
// managed identity. Phone numbers for SMS are bought on the Communication Services resource
// after it exists (see docs/deploy.md); they are not ARM resources.

param tags object
param emailServiceName string
param communicationServiceName string

@description('Where the resources keep data at rest, e.g. United States, Europe, Asia Pacific.')
param dataLocation string

@description('A domain you own to send from, e.g. mail.example.com; empty for the Azure-managed domain only.')
param customEmailDomain string

@description('True once the DNS records of customEmailDomain are in place and the domain is verified.')
param customEmailDomainVerified bool

var useCustomDomain = !empty(customEmailDomain) && customEmailDomainVerified

resource emailService 'Microsoft.Communication/emailServices@2025-05-01' = {
  name: emailServiceName
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
  }

  resource managedDomain 'domains' = {
    name: 'AzureManagedDomain'
    location: 'global'
    tags: tags
    properties: {
      domainManagement: 'AzureManaged'
      userEngagementTracking: 'Disabled'
    }
  }

  resource customDomain 'domains' = if (!empty(customEmailDomain)) {
    name: customEmailDomain
    location: 'global'
    tags: tags
    properties: {
      domainManagement: 'CustomerManaged'
      userEngagementTracking: 'Disabled'
    }

    // The sender the app uses (Messaging__SenderAddress), once the domain is verified.
    resource doNotReply 'senderUsernames' = if (useCustomDomain) {
      name: 'donotreply'
      properties: {
        username: 'DoNotReply'
        displayName: 'Onboarding'
      }
    }
  }
}

resource communicationService 'Microsoft.Communication/communicationServices@2025-05-01' = {
  name: communicationServiceName
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
    disableLocalAuth: true
    linkedDomains: useCustomDomain
      ? [emailService::managedDomain.id, emailService::customDomain.id]
      : [emailService::managedDomain.id]
  }
}

var senderDomain = useCustomDomain
  ? emailService::customDomain!.properties.mailFromSenderDomain
  : emailService::managedDomain.properties.mailFromSenderDomain

output communicationServiceName string = communicationService.name

@description('The endpoint the app calls with its managed identity: https://<name>.<data location>.communication.azure.com.')
output endpoint string = 'https://${communicationService.properties.hostName}'

output senderAddress string = 'DoNotReply@${senderDomain}'

@description('The DNS records (domain ownership, SPF, DKIM, DKIM2, DMARC) to create for the custom domain.')
output customDomainVerificationRecords object = empty(customEmailDomain)
  ? {}
  : emailService::customDomain!.properties.verificationRecords
