// Private endpoints of the storage account (blob, queue, table) and the Key Vault in the
// endpoint subnet, each registered in its private DNS zone: inside the network the usual host
// names resolve to these private addresses, so the app needs no other setting.

param location string
param tags object
param storageAccountName string
param vaultName string
param endpointSubnetId string

@description('Storage services (blob, queue, table) and their private DNS zone ids, in the same order.')
param storageServices array
param storageZoneIds array
param vaultZoneId string

resource storageAccount 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: storageAccountName
}

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' existing = {
  name: vaultName
}

var storageTargets = [for (service, index) in storageServices: {
  name: '${storageAccountName}-${service}'
  resourceId: storageAccount.id
  groupId: service
  zoneId: storageZoneIds[index]
}]

var targets = concat(storageTargets, [
  {
    name: '${vaultName}-vault'
    resourceId: vault.id
    groupId: 'vault'
    zoneId: vaultZoneId
  }
])

resource endpoints 'Microsoft.Network/privateEndpoints@2024-05-01' = [for target in targets: {
  name: 'pe-${target.name}'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: endpointSubnetId
    }
    privateLinkServiceConnections: [
      {
        name: target.name
        properties: {
          privateLinkServiceId: target.resourceId
          groupIds: [target.groupId]
        }
      }
    ]
  }
}]

resource zoneGroups 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-05-01' = [for (target, index) in targets: {
  parent: endpoints[index]
  name: 'default'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: target.groupId
        properties: {
          privateDnsZoneId: target.zoneId
        }
      }
    ]
  }
}]
