// Multi-tenant (the Teams Store listing): one deployment serving every organisation whose admin consents. Production
// sizing; the bot signs in with a user-assigned managed identity (Azure creates no new multi-tenant bots, and a
// single-tenant or managed identity bot serves other organisations too); the API app registration is
// AzureADMultipleOrgs (docs/DEPLOY.md).
using 'main.bicep'

param environmentName = 'prod'
param baseName = 'glueprint'
param tenancyMode = 'MultiTenant'
param apiAppId = readEnvironmentVariable('GLUE_API_APP_ID')
param botAppType = 'UserAssignedMSI'
param botSku = 'S1'
param appServicePlanSku = 'P1v3'
param storageUsesManagedIdentity = true
param keyVaultPurgeProtection = true
param logRetentionInDays = 90
param customDomain = readEnvironmentVariable('GLUE_DOMAIN')
