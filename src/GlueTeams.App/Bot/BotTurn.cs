using GlueTeams.Teams.Activities;

namespace GlueTeams.App.Bot;

/// <summary>
/// One validated inbound activity and whom it is from. Tenant and user come only from here (the activity the token
/// was checked against), never from card data.
/// </summary>
/// <param name="UserId">The user's Entra object id: their partition in every table.</param>
internal sealed record BotTurn(InboundActivity Inbound, string UserId)
{
    public Activity Activity => Inbound.Activity;
    public string TenantId => Inbound.TenantId;
    /// <summary>The Teams user id (from.id), which card refresh lists.</summary>
    public string TeamsUserId => Inbound.FromId;
}
