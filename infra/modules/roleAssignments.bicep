// Least-privilege Azure RBAC for a Function App's system-assigned identity, each role scoped
// to the one resource it is needed on. Role definition ids are the built-in roles' fixed GUIDs.
// The operators' app sends no e-mail or SMS (its journey and activity functions are disabled), so
// its identity gets no Communication Services role.

param principalId string
param storageAccountName string
param vaultName string
param communicationServiceName string
param applicationInsightsName string

@description('Whether this app sends e-mail and SMS (the public app, which runs the activities).')
param sendsMessages bool

// Storage: the Functions host (AzureWebJobsStorage: host locks and keys in blobs), Flex
// Consumption deployment (reads the package from the blob container), the Durable task hub
// (control and work-item queues, history and instance tables, partition lease blobs) and the
// app's own tables, which the app creates at first use.
var storageBlobDataOwner = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
var storageQueueDataContributor = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'

// Key Vault: read secret values (the Key Vault references in the app settings).
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'

// Application Insights with local auth disabled: send telemetry with Microsoft Entra ID.
var monitoringMetricsPublisher = '3913510d-42f4-4e42-8a64-420c390055eb'

// Azure Communication Services: sending e-mail and SMS with a Microsoft Entra token needs
// Microsoft.Communication/CommunicationServices/Read+Write on the resource. The narrowest
// built-in role that grants it is "Communication and Email Service Owner"
// (09976791-48a7-449e-bb21-39d1a415f350; built-in role, created 2024-11-21, listed in the Azure
// built-in roles reference and at https://azure-rbac-catalog.org/roles/09976791-48a7-449e-bb21-39d1a415f350).
// ACS offers no send-only data-plane role; the role is scoped to this one resource, and the
// resource has local (access-key) auth disabled, so the ListKeys right it carries is moot.
var communicationAndEmailServiceOwner = '09976791-48a7-449e-bb21-39d1a415f350'

resource storageAccount 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: storageAccountName
}

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' existing = {
  name: vaultName
}

resource communicationService 'Microsoft.Communication/communicationServices@2025-05-01' existing = {
  name: communicationServiceName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource blobDataOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storageAccount.id, principalId, storageBlobDataOwner)
  scope: storageAccount
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataOwner)
  }
}

resource queueDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storageAccount.id, principalId, storageQueueDataContributor)
  scope: storageAccount
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageQueueDataContributor)
  }
}

resource tableDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storageAccount.id, principalId, storageTableDataContributor)
  scope: storageAccount
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributor)
  }
}

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, principalId, keyVaultSecretsUser)
  scope: vault
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
  }
}

resource metricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, principalId, monitoringMetricsPublisher)
  scope: applicationInsights
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisher)
  }
}

resource communicationSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (sendsMessages) {
  name: guid(communicationService.id, principalId, communicationAndEmailServiceOwner)
  scope: communicationService
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', communicationAndEmailServiceOwner)
  }
}
