using System.Text.Json.Serialization;
using GlueTeams.Teams.Activities;

namespace GlueTeams.Teams.Connector;

/// <summary>The body of POST /v3/conversations for a 1:1 chat with one user.</summary>
public sealed record CreateConversationRequest(
    [property: JsonPropertyName("bot")] ChannelAccount Bot,
    [property: JsonPropertyName("members")] IReadOnlyList<ChannelAccount> Members,
    [property: JsonPropertyName("tenantId")] string TenantId,
    [property: JsonPropertyName("channelData")] TeamsChannelData ChannelData)
{
    [JsonPropertyName("isGroup")] public bool IsGroup { get; init; }

    public static CreateConversationRequest Personal(string botId, string userId, string tenantId) =>
        new(new(botId), [new(userId)], tenantId, new(new(tenantId)));
}

public sealed record ConversationResourceResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("activityId")] string? ActivityId = null,
    [property: JsonPropertyName("serviceUrl")] string? ServiceUrl = null);

/// <summary>The connector's answer to a send, reply or update: the activity's id (may be empty for an update).</summary>
public sealed record ResourceResponse([property: JsonPropertyName("id")] string? Id);
