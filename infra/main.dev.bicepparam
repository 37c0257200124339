// Development: cheapest SKUs, a bot with its own app registration (secret in Key Vault), purge protection off so
// the environment can be torn down and recreated. The app registration ids come from the shell (docs/DEPLOY.md).
using 'main.bicep'

param environmentName = 'dev'
param tenancyMode = 'SelfHosted'
param apiAppId = readEnvironmentVariable('GLUE_API_APP_ID')
param botAppType = 'SingleTenant'
param botAppId = readEnvironmentVariable('GLUE_BOT_APP_ID')
param botSku = 'F0'
param appServicePlanSku = 'B1'
param storageUsesManagedIdentity = true
param keyVaultPurgeProtection = false
param logRetentionInDays = 30
