// Operators with identities: App Service Authentication with Microsoft Entra ID in front of the
// app. Anonymous requests still reach every function (the journey routes are for anyone); the app
// lets onto the operator routes and page only a principal whose token carries the operator app
// role, read from the X-MS-CLIENT-PRINCIPAL header the platform sets (and strips from requests).
// Automation may instead send the operator key (a Key Vault secret). See docs/deploy.md.

param functionAppName string

@description('Client id of the Entra app registration operators sign in to (with the Onboarding.Operator app role). Empty: no sign-in, only the operator key.')
param operatorClientId string

resource site 'Microsoft.Web/sites@2024-11-01' existing = {
  name: functionAppName
}

resource authentication 'Microsoft.Web/sites/config@2024-11-01' = if (!empty(operatorClientId)) {
  parent: site
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      // The journey routes are anonymous: the app decides who may use the operator routes.
      requireAuthentication: false
      unauthenticatedClientAction: 'AllowAnonymous'
    }
    httpSettings: {
      requireHttps: true
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          openIdIssuer: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
          clientId: operatorClientId
        }
        validation: {
          // Browser sign-ins (the page) and tokens that automation requests for the app registration.
          allowedAudiences: [
            operatorClientId
            'api://${operatorClientId}'
          ]
        }
      }
    }
    login: {
      tokenStore: {
        enabled: false
      }
    }
  }
}

@description('Whether App Service Authentication signs operators in (the app then believes its principal header).')
output signInEnabled bool = !empty(operatorClientId)
