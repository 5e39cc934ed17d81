// Key Vault for the app's secrets, authorised with Azure RBAC (no access policies). The app
// reads the HMAC key, the lookup key and the field key through Key Vault references in its app
// settings. With network isolation, public network access is off: the app reaches the vault
// through its private endpoint (secrets given here are written through Azure Resource Manager).

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

@description('Name of the secret that holds the field key (AES-256: passport numbers, birth dates, bank account numbers and holder names in the tables).')
param fieldKeySecretName string

@secure()
@description('Base64 of 32 random bytes. Written as a new secret version when given (a rotation); empty keeps the stored one.')
param fieldKey string

@description('Purge protection keeps deleted secrets recoverable for the retention period and cannot be turned off again.')
param enablePurgeProtection bool

@description('False closes the public endpoint: only the private endpoint in the app\'s network reaches the vault.')
param publicNetworkAccess bool

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
    publicNetworkAccess: publicNetworkAccess ? 'Enabled' : 'Disabled'
    networkAcls: {
      defaultAction: publicNetworkAccess ? 'Allow' : 'Deny'
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

  resource fieldKeySecret 'secrets' = if (!empty(fieldKey)) {
    name: fieldKeySecretName
    properties: {
      value: fieldKey
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
