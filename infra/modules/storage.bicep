// The storage account of the Functions host (AzureWebJobsStorage), the Durable task hub (queues,
// tables, lease blobs), the app's own tables, and the blob containers Flex Consumption deploys
// each app's package from. Shared keys are disabled: every client uses Microsoft Entra ID. With
// network isolation, public network access is off: the app reaches it through private endpoints.

param location string
param tags object
param accountName string
@description('One blob container per Function App: Flex Consumption runs each app from the package in its own container.')
param deploymentContainerNames string[]

@description('False closes the public endpoint: only the private endpoints in the app\'s network reach the account.')
param publicNetworkAccess bool

resource account 'Microsoft.Storage/storageAccounts@2025-01-01' = {
  name: accountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: publicNetworkAccess ? 'Enabled' : 'Disabled'
    networkAcls: {
      defaultAction: publicNetworkAccess ? 'Allow' : 'Deny'
      bypass: 'AzureServices'
    }
  }

  resource blobService 'blobServices' = {
    name: 'default'

    resource deploymentContainers 'containers' = [for name in deploymentContainerNames: {
      name: name
      properties: {
        publicAccess: 'None'
      }
    }]
  }
}

output accountName string = account.name

@description('The blob endpoint; a deployment container\'s URL is this plus its name.')
output blobEndpoint string = account.properties.primaryEndpoints.blob
