// Linux App Service plan and the GlueTeams web app (.NET 10), with a system-assigned identity that is given
// data access to the storage account and read access to the Key Vault's secrets.
param location string
param namePrefix string
param planSku string
param storageAccountName string
param keyVaultName string
param appInsightsName string
@description('The Entra tenant of the bot and of Microsoft Graph.')
param tenantId string
@description('Application (client) id of the GlueTeams API app registration: SSO audience and Graph client.')
param apiAppId string
@description('Bot identity: the app registration id (SingleTenant) or the user-assigned identity client id (UserAssignedMSI).')
param botAppId string
@allowed(['SingleTenant', 'UserAssignedMSI', 'MultiTenant'])
param botAppType string
@allowed(['SelfHosted', 'MultiTenant'])
@description('SelfHosted: Graph reads tenantId only. MultiTenant: every organisation whose admin consented, each with its own token.')
param tenancyMode string
@description('Resource id of the bot user-assigned identity; empty for SingleTenant.')
param botIdentityId string
@description('true: storage is reached with the managed identity; false: with a connection string kept in Key Vault.')
param storageUsesManagedIdentity bool
@description('The host name the app is reached on when it is not the default azurewebsites.net one (the manifest DOMAIN).')
param customDomain string = ''

var roles = {
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
}
var botUsesManagedIdentity = botAppType == 'UserAssignedMSI'

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

// App settings that name a Key Vault secret; the platform resolves them with the system-assigned identity.
func secretRef(vaultUri string, secretName string) string => '@Microsoft.KeyVault(SecretUri=${vaultUri}secrets/${secretName}/)'

var storageSettings = storageUsesManagedIdentity
  ? {
      Storage__TableEndpoint: storage.properties.primaryEndpoints.table
      Storage__QueueEndpoint: storage.properties.primaryEndpoints.queue
    }
  : {
      Storage__ConnectionString: secretRef(vault.properties.vaultUri, 'StorageConnectionString')
    }

var botSettings = union(
  botUsesManagedIdentity
    ? { Bot__UseManagedIdentity: 'true' }
    : { Bot__AppPassword: secretRef(vault.properties.vaultUri, 'BotAppPassword') },
  // A single-tenant or managed identity bot gets its tokens from its home tenant; a legacy multi-tenant one from botframework.com.
  botAppType == 'MultiTenant' ? {} : { Bot__TenantId: tenantId })

// Self-hosted: Graph reads this tenant. Multi-tenant: no home tenant; each consented organisation with its own token.
var tenancySettings = tenancyMode == 'MultiTenant' ? { Tenancy__Mode: 'MultiTenant' } : { Tenancy__Mode: 'SelfHosted', Graph__TenantId: tenantId }
var domain = empty(customDomain) ? site.properties.defaultHostName : customDomain

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${namePrefix}-plan'
  location: location
  kind: 'linux'
  sku: { name: planSku }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: '${namePrefix}-app'
  location: location
  kind: 'app,linux'
  identity: botUsesManagedIdentity
    ? {
        type: 'SystemAssigned, UserAssigned'
        userAssignedIdentities: { '${botIdentityId}': {} }
      }
    : { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: 'SystemAssigned'
    siteConfig: {
      linuxFxVersion: 'DOTNETCORE|10.0'
      alwaysOn: true
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      healthCheckPath: '/healthz'
    }
  }
}

// Set apart from the site because the values are only known once storage, vault and monitoring exist.
resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: union(storageSettings, botSettings, tenancySettings, {
    ASPNETCORE_ENVIRONMENT: 'Production'
    APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
    Bot__AppId: botAppId
    Graph__ClientId: apiAppId
    Graph__ClientSecret: secretRef(vault.properties.vaultUri, 'GraphClientSecret')
    // The tab and add-in API: tokens for api://DOMAIN/APP_ID, the manifest's webApplicationInfo.resource.
    Tabs__Audience: 'api://${domain}/${apiAppId}'
    Tabs__ClientId: apiAppId
    // The base of the privacy, terms and support links the bot's cards hand out, and of /admin/consent/callback.
    Store__PublicUrl: 'https://${domain}'
  })
}

resource storageRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in [roles.storageTableDataContributor, roles.storageQueueDataContributor]: {
    name: guid(storage.id, site.id, role)
    scope: storage
    properties: {
      principalId: site.identity.principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
    }
  }
]

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, site.id, roles.keyVaultSecretsUser)
  scope: vault
  properties: {
    principalId: site.identity.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
  }
}

output name string = site.name
output defaultHostName string = site.properties.defaultHostName
