// The virtual network that keeps storage and Key Vault private (networkIsolation): a subnet for each
// Flex Consumption app (the public app and the operators' app, each delegated to
// Microsoft.App/environments, as Flex Consumption requires), a subnet for the private endpoints, and
// the private DNS zones that make the storage and vault host names resolve to those endpoints inside
// the network.

param location string
param tags object
param vnetName string

@description('Address space of the network; the app, endpoint and operators\' app subnets take its first three /24s.')
param addressPrefix string

var appSubnetPrefix = cidrSubnet(addressPrefix, 24, 0)
var endpointSubnetPrefix = cidrSubnet(addressPrefix, 24, 1)
var operatorsSubnetPrefix = cidrSubnet(addressPrefix, 24, 2)

// Storage services the app reaches privately: the Functions host and Flex deployment (blob), Durable
// Functions (queue, table, blob), the app's own tables (table).
var storageServices = ['blob', 'queue', 'table']
var storageZones = [for service in storageServices: 'privatelink.${service}.${environment().suffixes.storage}']
var vaultZone = 'privatelink.vaultcore.azure.net'

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: vnetName
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [addressPrefix]
    }
    subnets: [
      {
        name: 'app'
        properties: {
          addressPrefix: appSubnetPrefix
          delegations: [
            {
              name: 'flex-consumption'
              properties: {
                serviceName: 'Microsoft.App/environments'
              }
            }
          ]
        }
      }
      {
        name: 'private-endpoints'
        properties: {
          addressPrefix: endpointSubnetPrefix
          privateEndpointNetworkPolicies: 'Disabled'
        }
      }
      {
        name: 'operators'
        properties: {
          addressPrefix: operatorsSubnetPrefix
          delegations: [
            {
              name: 'flex-consumption'
              properties: {
                serviceName: 'Microsoft.App/environments'
              }
            }
          ]
        }
      }
    ]
  }

  resource appSubnet 'subnets' existing = {
    name: 'app'
  }

  resource endpointSubnet 'subnets' existing = {
    name: 'private-endpoints'
  }

  resource operatorsSubnet 'subnets' existing = {
    name: 'operators'
  }
}

resource zones 'Microsoft.Network/privateDnsZones@2024-06-01' = [for zone in concat(storageZones, [vaultZone]): {
  name: zone
  location: 'global'
  tags: tags
}]

resource links 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = [for (zone, index) in concat(storageZones, [vaultZone]): {
  parent: zones[index]
  name: '${vnetName}-link'
  location: 'global'
  tags: tags
  properties: {
    registrationEnabled: false
    virtualNetwork: {
      id: vnet.id
    }
  }
}]

output vnetId string = vnet.id
output appSubnetId string = vnet::appSubnet.id
output endpointSubnetId string = vnet::endpointSubnet.id
output operatorsSubnetId string = vnet::operatorsSubnet.id

@description('The storage services with private endpoints and their DNS zones, in the same order.')
output storageServices array = storageServices
output storageZoneIds array = [for (service, index) in storageServices: zones[index].id]
output vaultZoneId string = zones[length(storageServices)].id
