// A Function App on its own Flex Consumption plan (a Flex plan holds one app): Linux, .NET 10
// isolated worker, HTTPS only, a system-assigned managed identity, and the app package deployed
// from a blob container that the platform reads with that identity. App settings are applied by
// appSettings.bicep once the identity holds its roles (Key Vault references resolve on first start).
// main.bicep uses it twice: the public app and, with operator sign-in, the operators' app.
//
// siteConfig carries only what Flex Consumption accepts: ftpsState, vnetRouteAllEnabled and the
// other site properties of Microsoft's "Flex Consumption plan deprecations" list are rejected or
// ignored there (Onboarding.Tests/Infrastructure/FlexTemplateTests.cs keeps them out). FTP is off
// through basicPublishingCredentialsPolicies instead; all outbound traffic of a Flex app goes
// through its integrated network without a routing switch.

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

@description('The subnet the app is integrated into (its outbound traffic goes through the network, to the private endpoints); empty for none.')
param subnetId string
@description('Exact origins whose pages may call the API (the platform answers their preflights); the same list as the local host\'s Cors:AllowedOrigins.')
param corsAllowedOrigins string[]

@minValue(1)
@maxValue(1000)
@description('Concurrent HTTP invocations one instance takes before the platform adds one (an open event stream is one for its whole life).')
param httpPerInstanceConcurrency int

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
    virtualNetworkSubnetId: empty(subnetId) ? null : subnetId
    siteConfig: {
      minTlsVersion: '1.2'
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
        triggers: {
          http: {
            perInstanceConcurrency: httpPerInstanceConcurrency
          }
        }
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
