// Log Analytics workspace and the workspace-based Application Insights resource the Functions host
// sends telemetry to. Local (instrumentation-key) ingestion is off: the app authenticates with its
// managed identity (Monitoring Metrics Publisher, see roleAssignments.bicep).

param location string
param tags object
param workspaceName string
param applicationInsightsName string

@description('Days Log Analytics keeps the data (30 is included in the ingestion price).')
param retentionInDays int = 30

resource workspace 'Microsoft.OperationalInsights/workspaces@2025-02-01' = {
  name: workspaceName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
  }
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
    DisableLocalAuth: true
  }
}

output applicationInsightsName string = applicationInsights.name
output workspaceId string = workspace.id
