using System.Text.Json;
using System.Text.Json.Serialization;

namespace GlueTeams.Teams.Activities;

/// <summary>The one set of serializer options for everything on the Bot Framework wire (activities, invoke bodies, cards).</summary>
public static class ProtocolJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
