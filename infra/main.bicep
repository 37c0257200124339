// GlueTeams on Azure: one resource group holding the storage account, Key Vault, monitoring, the web app and the bot.
// Deploy: az deployment group create -g RG -f infra/main.bicep -p infra/main.dev.bicepparam (see docs/DEPLOY.md).
targetScope = 'resourceGroup'

@allowed(['dev', 'prod'])
param environmentName string
param location string = resourceGroup().location
@minLength(3)
@maxLength(11)
@description('Lowercase letters and digits; prefixes every resource name.')
param baseName string = 'glueteams'
param tenantId string = tenant().tenantId
@description('Application (client) id of the GlueTeams API app registration (SSO audience api://DOMAIN/APP_ID, Graph client).')
@minLength(36)
@maxLength(36)
param apiAppId string
@allowed(['SelfHosted', 'MultiTenant'])
@description('SelfHosted: the app serves this tenant only. MultiTenant: it serves every organisation whose admin consents (the Teams Store listing); the API app registration must then be AzureADMultipleOrgs.')
param tenancyMode string = 'SelfHosted'
@allowed(['SingleTenant', 'UserAssignedMSI', 'MultiTenant'])
@description('SingleTenant: the bot uses an app registration and a client secret in Key Vault; UserAssignedMSI: a managed identity, no secret. MultiTenant: only for a bot registered so before 31 July 2025 (Azure creates no new ones); a single-tenant or managed identity bot serves other organisations too.')
param botAppType string = 'SingleTenant'
@description('App registration id of the bot when botAppType is SingleTenant; ignored for UserAssignedMSI.')
param botAppId string = ''
@allowed(['F0', 'S1'])
param botSku string = 'F0'
param appServicePlanSku string = 'B1'
@description('true: the app reaches storage with its managed identity and shared keys are disabled on the account.')
param storageUsesManagedIdentity bool = true
param keyVaultPurgeProtection bool = true
@minValue(30)
param logRetentionInDays int = 30
@description('Custom host name the app is served on (e.g. glue.contoso.com); empty means the web app default host name.')
param customDomain string = ''

var namePrefix = '${baseName}-${environmentName}'
var compactPrefix = '${baseName}${environmentName}${take(uniqueString(resourceGroup().id), 6)}'
var names = {
  storage: compactPrefix
  keyVault: '${compactPrefix}kv'
  logs: '${namePrefix}-logs'
  appInsights: '${namePrefix}-ai'
}
var botUsesManagedIdentity = botAppType == 'UserAssignedMSI'

resource botIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = if (botUsesManagedIdentity) {
  name: '${namePrefix}-bot-id'
  location: location
}

var botIdentityId = botUsesManagedIdentity ? botIdentity.id : ''
var effectiveBotAppId = botUsesManagedIdentity ? botIdentity!.properties.clientId : botAppId

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    workspaceName: names.logs
    appInsightsName: names.appInsights
    retentionInDays: logRetentionInDays
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    name: names.storage
    allowSharedKeyAccess: !storageUsesManagedIdentity
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    location: location
    name: names.keyVault
    tenantId: tenantId
    enablePurgeProtection: keyVaultPurgeProtection
  }
}

module web 'modules/web.bicep' = {
  name: 'web'
  params: {
    location: location
    namePrefix: namePrefix
    planSku: appServicePlanSku
    // Names known before deployment (not module outputs), so that What-If can predict the role assignments.
    storageAccountName: names.storage
    keyVaultName: names.keyVault
    appInsightsName: names.appInsights
    tenantId: tenantId
    apiAppId: apiAppId
    botAppId: effectiveBotAppId
    botAppType: botAppType
    botIdentityId: botIdentityId
    tenancyMode: tenancyMode
    storageUsesManagedIdentity: storageUsesManagedIdentity
    customDomain: customDomain
  }
  dependsOn: [monitoring, storage, keyVault]
}

module bot 'modules/bot.bicep' = {
  name: 'bot'
  params: {
    name: '${namePrefix}-bot'
    messagingEndpoint: 'https://${web.outputs.defaultHostName}/api/messages'
    sku: botSku
    appType: botAppType
    appId: effectiveBotAppId
    tenantId: tenantId
    identityId: botIdentityId
  }
}

// What ./glue package needs (BOT_ID, APP_ID, DOMAIN) and what the deploy steps address.
output BOT_ID string = effectiveBotAppId
output APP_ID string = apiAppId
output DOMAIN string = empty(customDomain) ? web.outputs.defaultHostName : customDomain
output webAppName string = web.outputs.name
output keyVaultName string = keyVault.outputs.name
output storageAccountName string = storage.outputs.name
output botName string = bot.outputs.name
