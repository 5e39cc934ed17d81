// Key Vault for the app's secrets, authorised with Azure RBAC (no access policies). The app
// reads the HMAC key and the lookup key through Key Vault references in its app settings.

param location string
param tags object
param vaultName string

@description('Name of the secret that holds the HMAC key.')
param hmacKeySecretName string

@secure()
@description('Base64 of at least 32 random bytes. Written as a new secret version when given; empty keeps the stored one.')
param hmacKey string

@description('Name of the secret that holds the lookup key (keyed hashes of personal values compared for equality).')
param lookupKeySecretName string

@secure()
@description('Base64 of at least 32 random bytes. Set on the first deployment only: the lookup key is never rotated in place.')
param lookupKey string

@description('Purge protection keeps deleted secrets recoverable for the retention period and cannot be turned off again.')
param enablePurgeProtection bool

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: vaultName
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: enablePurgeProtection ? true : null
    enabledForTemplateDeployment: false
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }

  resource lookupKeySecret 'secrets' = if (!empty(lookupKey)) {
    name: lookupKeySecretName
    properties: {
      value: lookupKey
      contentType: 'base64'
    }
  }

  resource hmacKeySecret 'secrets' = if (!empty(hmacKey)) {
    name: hmacKeySecretName
    properties: {
      value: hmacKey
      contentType: 'base64'
    }
  }
}

output vaultName string = vault.name

@description('https://<name>.vault.azure.net/')
output vaultUri string = vault.properties.vaultUri
