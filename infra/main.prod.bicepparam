// Production: the bot signs in with a user-assigned managed identity (no bot secret to rotate), standard bot SKU,
// a production App Service plan, purge protection on, longer log retention, the custom domain.
using 'main.bicep'

param environmentName = 'prod'
param tenancyMode = 'SelfHosted'
param apiAppId = readEnvironmentVariable('GLUE_API_APP_ID')
param botAppType = 'UserAssignedMSI'
param botSku = 'S1'
param appServicePlanSku = 'P1v3'
param storageUsesManagedIdentity = true
param keyVaultPurgeProtection = true
param logRetentionInDays = 90
param customDomain = readEnvironmentVariable('GLUE_DOMAIN')
