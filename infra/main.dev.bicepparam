// The dev environment. Deploy with (see docs/deploy.md):
//
//   export ONBOARDING_HMAC_KEY="$(openssl rand -base64 32)"   # first deployment and rotations only
//   export ONBOARDING_LOOKUP_KEY="$(openssl rand -base64 32)" # first deployment only
//   export ONBOARDING_FIELD_KEY="$(openssl rand -base64 32)"  # first deployment and field key rotations only
//   az deployment sub create --name onboarding-dev --location eastus \
//     --template-file infra/main.bicep --parameters infra/main.dev.bicepparam
//
// Secrets never live in this file: they come from environment variables at deployment time.

using './main.bicep'

param environmentName = 'dev'
param location = 'eastus'

// The HMAC key is written to Key Vault only when set; leave it unset to keep the stored key.
param hmacKey = readEnvironmentVariable('ONBOARDING_HMAC_KEY', '')

// The lookup key, on the first deployment only (never rotated in place).
param lookupKey = readEnvironmentVariable('ONBOARDING_LOOKUP_KEY', '')

// The field key is written to Key Vault only when set; leave it unset to keep the stored key.
param fieldKey = readEnvironmentVariable('ONBOARDING_FIELD_KEY', '')

// During a field key rotation only: the secret version that was current before it.
param previousFieldKeyVersion = ''

// The SMS sender. Replace with the phone number bought on the Communication Services resource
// after the first deployment (E.164, e.g. +18005550100) and deploy again; until then SMS sending
// fails (an alphanumeric sender ID works only where it is enabled), e-mail works at once.
param smsFrom = 'Onboarding'

// During an HMAC key rotation only: the secret version that was current before it.
param previousHmacKeyVersion = ''

// Dev scales to zero: nothing billed for compute at rest. The first input after an idle period
// waits for a cold start (the API answers 202 and the client polls).
param alwaysReady = []

// A dev vault can be deleted and its name purged and reused.
param keyVaultPurgeProtection = false
