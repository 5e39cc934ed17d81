// The journey events' Event Grid topic (docs/decisions/0023): a custom topic that takes CloudEvents
// 1.0 (inputSchema CloudEventSchemaV1_0) from the apps' managed identities only (disableLocalAuth:
// no keys), the "EventGrid Data Sender" role for each publishing identity, a storage account of its
// own for dead-lettered events (a firewall that lets in only trusted Azure services: Event Grid writes
// there with the topic's system-assigned identity, which the main account, closed to every public
// caller under network isolation, would refuse; blobs deleted after deadLetterRetentionDays), and,
// when a subscriber's webhook is given, an example subscription that delivers CloudEvents with
// Event Grid's longest retry policy (30 attempts, 24 h) and dead-letters what it cannot deliver.
// With network isolation the topic takes events only through a private endpoint in the apps'
// network (privatelink.eventgrid.azure.net); Event Grid still pushes to subscribers over its public path.

param location string
param tags object
param topicName string

@description('The storage account of the dead-lettered events (3–24 lower-case letters and digits).')
param deadLetterAccountName string

param deadLetterContainerName string = 'event-dead-letters'

@minValue(1)
@description('Days a dead-lettered event (a journey\'s masked status) is kept before its blob is deleted.')
param deadLetterRetentionDays int = 14

@description('The managed identities that publish (the public app; the operators\' app, whose erase publishes too).')
param publisherPrincipalIds string[]

@description('True: publishing only through the private endpoint (public network access off).')
param networkIsolation bool

@description('With networkIsolation: the subnet of the private endpoint, and the network its DNS zone is linked to.')
param endpointSubnetId string = ''
param vnetId string = ''

@secure()
@description('An example subscriber: a webhook URL that answers the CloudEvents handshake (samples/Onboarding.EventConsumer); it may carry a secret in its query. Empty: no subscription.')
param subscriberEndpoint string = ''

@description('The event types the example subscription takes; empty: all of them.')
param subscriberEventTypes string[] = []

// Built-in roles (fixed GUIDs): publish to a topic; write dead letters to a container.
var eventGridDataSender = 'd5a91429-5739-47e2-a06b-3470a27159e7'
var storageBlobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'

resource deadLetterAccount 'Microsoft.Storage/storageAccounts@2025-01-01' = {
  name: deadLetterAccountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Cool'
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    // No publicNetworkAccess: the firewall decides, and it lets no network in, only trusted Azure
    // services (Event Grid dead-lettering with the topic's system identity); 'Disabled' would shut them out too.
    networkAcls: {
      defaultAction: 'Deny'
      bypass: 'AzureServices'
    }
  }

  resource blobService 'blobServices' = {
    name: 'default'
  }

  resource lifecycle 'managementPolicies' = {
    name: 'default'
    properties: {
      policy: {
        rules: [
          {
            name: 'delete-dead-letters'
            enabled: true
            type: 'Lifecycle'
            definition: {
              filters: {
                blobTypes: ['blockBlob']
              }
              actions: {
                baseBlob: {
                  delete: {
                    daysAfterCreationGreaterThan: deadLetterRetentionDays
                  }
                }
              }
            }
          }
        ]
      }
    }
  }
}

resource deadLetters 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-01-01' = {
  parent: deadLetterAccount::blobService
  name: deadLetterContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource topic 'Microsoft.EventGrid/topics@2025-02-15' = {
  name: topicName
  location: location
  tags: tags
  identity: {
    type: 'SystemAssigned' // writes dead letters with its own identity (deadLetterWithResourceIdentity)
  }
  properties: {
    inputSchema: 'CloudEventSchemaV1_0'
    disableLocalAuth: true
    minimumTlsVersionAllowed: '1.2'
    publicNetworkAccess: networkIsolation ? 'Disabled' : 'Enabled'
  }
}

resource senders 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for principalId in publisherPrincipalIds: {
  name: guid(topic.id, principalId, eventGridDataSender)
  scope: topic
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', eventGridDataSender)
  }
}]

resource deadLetterWriter 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(deadLetters.id, topic.id, storageBlobDataContributor)
  scope: deadLetters
  properties: {
    principalId: topic.identity.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributor)
  }
}

resource exampleSubscription 'Microsoft.EventGrid/topics/eventSubscriptions@2025-02-15' = if (!empty(subscriberEndpoint)) {
  parent: topic
  name: 'example-consumer'
  properties: {
    eventDeliverySchema: 'CloudEventSchemaV1_0'
    destination: {
      endpointType: 'WebHook'
      properties: {
        endpointUrl: subscriberEndpoint
        maxEventsPerBatch: 1
      }
    }
    filter: empty(subscriberEventTypes) ? {} : {
      includedEventTypes: subscriberEventTypes
    }
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
    deadLetterWithResourceIdentity: {
      identity: {
        type: 'SystemAssigned'
      }
      deadLetterDestination: {
        endpointType: 'StorageBlob'
        properties: {
          resourceId: deadLetterAccount.id
          blobContainerName: deadLetters.name
        }
      }
    }
  }
  dependsOn: [
    deadLetterWriter
  ]
}

resource zone 'Microsoft.Network/privateDnsZones@2024-06-01' = if (networkIsolation) {
  name: 'privatelink.eventgrid.azure.net'
  location: 'global'
  tags: tags
}

resource zoneLink 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = if (networkIsolation) {
  parent: zone
  name: 'topic-link'
  location: 'global'
  tags: tags
  properties: {
    registrationEnabled: false
    virtualNetwork: {
      id: vnetId
    }
  }
}

resource endpoint 'Microsoft.Network/privateEndpoints@2024-05-01' = if (networkIsolation) {
  name: 'pe-${topicName}-topic'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: endpointSubnetId
    }
    privateLinkServiceConnections: [
      {
        name: '${topicName}-topic'
        properties: {
          privateLinkServiceId: topic.id
          groupIds: ['topic']
        }
      }
    ]
  }
}

resource endpointZone 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-05-01' = if (networkIsolation) {
  parent: endpoint
  name: 'default'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: 'topic'
        properties: {
          privateDnsZoneId: zone.id
        }
      }
    ]
  }
}

@description('Where the apps publish (Events__TopicEndpoint): https://<topic>.<region>-1.eventgrid.azure.net/api/events.')
output topicEndpoint string = topic.properties.endpoint
output topicName string = topic.name
