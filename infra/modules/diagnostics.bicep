// Diagnostic settings: every resource that handles the service's data sends its logs to the Log
// Analytics workspace. Key Vault: its audit events (who read which secret). Storage (blob, queue,
// table): every read, write and delete (the app keys rows by journey id, hashes and lookup keys, so
// no request URL names a person). The Function App: its logs. Communication Services: e-mail and SMS
// operations. The workspace keeps them for its retention period (monitoring.bicep).

param workspaceId string
param storageAccountName string
param vaultName string
param functionAppName string

@description('The operators\' Function App; empty when there is none.')
param operatorsAppName string

param communicationServiceName string

resource storageAccount 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: storageAccountName

  resource blobService 'blobServices' existing = {
    name: 'default'
  }

  resource queueService 'queueServices' existing = {
    name: 'default'
  }

  resource tableService 'tableServices' existing = {
    name: 'default'
  }
}

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' existing = {
  name: vaultName
}

resource site 'Microsoft.Web/sites@2024-11-01' existing = {
  name: functionAppName
}

resource operatorsSite 'Microsoft.Web/sites@2024-11-01' existing = if (!empty(operatorsAppName)) {
  name: operatorsAppName
}

resource communicationService 'Microsoft.Communication/communicationServices@2025-05-01' existing = {
  name: communicationServiceName
}

var allLogs = [
  {
    categoryGroup: 'allLogs'
    enabled: true
  }
]

resource vaultAudit 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: vault
  properties: {
    workspaceId: workspaceId
    logs: [
      {
        categoryGroup: 'audit'
        enabled: true
      }
    ]
  }
}

resource blobLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: storageAccount::blobService
  properties: {
    workspaceId: workspaceId
    logs: allLogs
  }
}

resource queueLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: storageAccount::queueService
  properties: {
    workspaceId: workspaceId
    logs: allLogs
  }
}

resource tableLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: storageAccount::tableService
  properties: {
    workspaceId: workspaceId
    logs: allLogs
  }
}

resource functionLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: site
  properties: {
    workspaceId: workspaceId
    logs: [
      {
        category: 'FunctionAppLogs'
        enabled: true
      }
    ]
  }
}

resource operatorsAppLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = if (!empty(operatorsAppName)) {
  name: 'to-log-analytics'
  scope: operatorsSite
  properties: {
    workspaceId: workspaceId
    logs: [
      {
        category: 'FunctionAppLogs'
        enabled: true
      }
    ]
  }
}

resource communicationLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: communicationService
  properties: {
    workspaceId: workspaceId
    logs: allLogs
  }
}
