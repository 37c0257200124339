// The Azure Bot registration with the Microsoft Teams channel.
param name string
param messagingEndpoint string
@allowed(['F0', 'S1'])
param sku string
@allowed(['SingleTenant', 'UserAssignedMSI', 'MultiTenant'])
param appType string
param appId string
param tenantId string
@description('Resource id of the user-assigned identity for UserAssignedMSI; empty for SingleTenant.')
param identityId string

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: name
  location: 'global'
  kind: 'azurebot'
  sku: { name: sku }
  properties: {
    displayName: 'GlueTeams'
    endpoint: messagingEndpoint
    msaAppId: appId
    msaAppType: appType
    // A (legacy) multi-tenant bot registration has no home tenant here: its tokens come from botframework.com.
    msaAppTenantId: appType == 'MultiTenant' ? null : tenantId
    msaAppMSIResourceId: appType == 'UserAssignedMSI' ? identityId : null
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

output name string = bot.name
