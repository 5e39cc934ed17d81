// One secret of the app's Key Vault, written when a value is given (a new version on each
// deployment that gives one); the app reads it through a Key Vault reference in its app settings.

param vaultName string
param secretName string

@secure()
param value string

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' existing = {
  name: vaultName

  resource secret 'secrets' = {
    name: secretName
    properties: {
      value: value
      contentType: 'text/plain'
    }
  }
}
