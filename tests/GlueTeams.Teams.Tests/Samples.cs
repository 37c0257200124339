using System.Text.Json.Nodes;
using GlueTeams.Teams.Activities;

namespace GlueTeams.Teams.Tests;

/// <summary>Activities shaped like the ones Teams and the Test Tool send.</summary>
internal static class Samples
{
    public const string TenantId = "00000000-0000-0000-0000-000000000001";
    public const string ServiceUrl = "https://smba.trafficmanager.net/amer/";

    public static JsonObject MessageJson(string serviceUrl = ServiceUrl, string channelId = "msteams", string tenantId = TenantId) => new()
    {
        ["type"] = "message",
        ["id"] = "1700000000000",
        ["timestamp"] = "2026-11-20T14:00:00.123Z",
        ["localTimezone"] = "Europe/Paris",
        ["serviceUrl"] = serviceUrl,
        ["channelId"] = channelId,
        ["from"] = new JsonObject { ["id"] = "29:user-1", ["name"] = "Ada", ["aadObjectId"] = "00000000-0000-0000-0000-000000000020" },
        ["recipient"] = new JsonObject { ["id"] = "28:bot-app-id", ["name"] = "GlueTeams" },
        ["conversation"] = new JsonObject { ["id"] = "a:personal-chat", ["conversationType"] = "personal", ["tenantId"] = tenantId },
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = tenantId } },
        ["text"] = "help",
    };

    public static InboundActivity Inbound(string serviceUrl = ServiceUrl, string channelId = "msteams", string tenantId = TenantId)
    {
        var parsed = ActivityParser.Parse(System.Text.Encoding.UTF8.GetBytes(MessageJson(serviceUrl, channelId, tenantId).ToJsonString()));
        return parsed.Value ?? throw new InvalidOperationException(parsed.Message);
    }
}
