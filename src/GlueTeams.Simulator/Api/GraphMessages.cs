using System.Text.Json.Nodes;

namespace GlueTeams.Simulator.Api;

/// <summary>One Graph request, from HTTP or from a $batch step. <see cref="BaseUrl"/> ("http://host/v1.0") builds next links.</summary>
public sealed record GraphRequest(
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Query,
    IReadOnlyDictionary<string, string> Headers,
    JsonNode? Body,
    string BaseUrl)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public string? QueryValue(string name) => Query.TryGetValue(name, out var value) ? value : null;
}

/// <summary>A Graph answer: JSON, text (the validation echo) or nothing.</summary>
public sealed record GraphResponse(int Status, JsonNode? Json = null, IReadOnlyDictionary<string, string>? Headers = null)
{
    public static GraphResponse Error(int status, string code, string message, IReadOnlyDictionary<string, string>? headers = null) =>
        new(status, new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["code"] = code,
                ["message"] = message,
                ["innerError"] = new JsonObject { ["request-id"] = Guid.NewGuid().ToString() },
            },
        }, headers);
}
