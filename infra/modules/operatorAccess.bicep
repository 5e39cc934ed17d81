// Operators with identities: App Service Authentication with Microsoft Entra ID in front of the
// operators' app — its own Function App, which serves only the operator routes, the operator page
// and health (docs/decisions/0020-operators-sign-in-in-their-own-app.md). Every request there must
// be signed in; the app still lets on only a principal whose token carries the operator app role,
// read from the X-MS-CLIENT-PRINCIPAL header the platform sets (and that external requests cannot
// set). The public app has no App Service Authentication at all, so what the platform does with a
// journey's opaque bearer token never matters. See docs/deploy.md.

param operatorsAppName string

@description('Client id of the Entra app registration operators sign in to (with the Onboarding.Operator app role).')
param operatorClientId string

resource site 'Microsoft.Web/sites@2024-11-01' existing = {
  name: operatorsAppName
}

resource authentication 'Microsoft.Web/sites/config@2024-11-01' = {
  parent: site
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: true
      unauthenticatedClientAction: 'RedirectToLoginPage'
      redirectToProvider: 'azureactivedirectory'
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
          // Browser sign-ins (the page) and tokens that automation requests for the app
          // registration's identifier URI, api://<client id> (docs/deploy.md sets it).
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
