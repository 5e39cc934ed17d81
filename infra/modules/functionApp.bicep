// The Function App on the Flex Consumption plan: Linux, .NET 10 isolated worker, HTTPS only, a
// system-assigned managed identity, and the app package deployed from a blob container that the
// platform reads with that identity. App settings are applied by appSettings.bicep once the
// identity holds its roles (Key Vault references resolve on first start).

import { alwaysReadyGroup } from 'types.bicep'

param location string
param tags object
param planName string
param functionAppName string

@description('The blob container URL the app package is deployed to and run from.')
param deploymentContainerUrl string

@allowed([512, 2048, 4096])
@description('Memory of each instance in MB.')
param instanceMemoryMB int

@minValue(1)
@maxValue(1000)
@description('The most instances the app scales out to (a ceiling on cost as well).')
param maximumInstanceCount int

@description('Instances kept running per scale group; empty lets every group scale to zero.')
param alwaysReady alwaysReadyGroup[]

@description('Exact origins whose pages may call the API (the platform answers their preflights); the same list as the local host\'s Cors:AllowedOrigins.')
param corsAllowedOrigins string[]

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-11-01' = {
  name: functionAppName
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    publicNetworkAccess: 'Enabled'
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      cors: {
        allowedOrigins: corsAllowedOrigins
        supportCredentials: false
      }
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'SystemAssignedIdentity'
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
        alwaysReady: alwaysReady
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }

  // Deployments authenticate with Microsoft Entra ID only: no FTP or publishing-profile passwords.
  resource ftpPublishing 'basicPublishingCredentialsPolicies' = {
    name: 'ftp'
    properties: {
      allow: false
    }
  }

  resource scmPublishing 'basicPublishingCredentialsPolicies' = {
    name: 'scm'
    properties: {
      allow: false
    }
  }
}

output functionAppName string = site.name
output defaultHostName string = site.properties.defaultHostName
output principalId string = site.identity.principalId
