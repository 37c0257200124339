using System.Text.Json;
using System.Text.Json.Nodes;

namespace GlueTeams.Simulator.Connector;

/// <summary>
/// The Bot Connector's /v3/conversations surface (create, send, reply, update; typing is a send) under a serviceUrl of
/// <c>{base}/connector/</c>, and /sim/connector to read what it received and set its faults.
/// </summary>
public static class ConnectorEndpoints
{
    /// <summary>The path of the serviceUrl: activities give <c>http://127.0.0.1:PORT/connector/</c>.</summary>
    public const string Prefix = "/connector";

    public static IEndpointRouteBuilder MapConnectorSimulator(this IEndpointRouteBuilder routes, SimulatedConnector connector)
    {
        ArgumentNullException.ThrowIfNull(routes);
        routes.MapPost(Prefix + "/v3/conversations", (HttpContext context) => ServeAsync(connector, context, null));
        routes.MapPost(Prefix + "/v3/conversations/{conversationId}/activities", (HttpContext context, string conversationId) => ServeAsync(connector, context, conversationId));
        routes.MapPost(Prefix + "/v3/conversations/{conversationId}/activities/{activityId}", (HttpContext context, string conversationId) => ServeAsync(connector, context, conversationId));
        routes.MapPut(Prefix + "/v3/conversations/{conversationId}/activities/{activityId}", (HttpContext context, string conversationId) => ServeAsync(connector, context, conversationId));

        var sim = routes.MapGroup("/sim/connector");
        sim.MapGet("/counters", () => TypedResults.Ok(new ConnectorCounters(
            connector.Received.Count, connector.Received.Count(r => r.IsDeliveredMessage), connector.Throttled,
            connector.DeliveredPerConversation().Count(c => c.Value > 1))));
        sim.MapPost("/faults", (ConnectorFaults faults) =>
        {
            connector.Latency = TimeSpan.FromMilliseconds(faults.LatencyMs);
            connector.ThrottleShare = faults.ThrottleShare;
            connector.UnavailableShare = faults.UnavailableShare;
            connector.Hang = faults.Hang;
            connector.TenantRateLimit = faults.TenantRateLimit;
            return TypedResults.NoContent();
        });
        return routes;
    }

    /// <summary>What the demo and load drivers read: requests, delivered messages, 429s, conversations that got a message more than once.</summary>
    public sealed record ConnectorCounters(int Requests, int Delivered, long Throttled, int ConversationsWithDuplicates);

    public sealed record ConnectorFaults(int LatencyMs = 0, double ThrottleShare = 0, double UnavailableShare = 0, bool Hang = false, int TenantRateLimit = 50);

    private static async Task ServeAsync(SimulatedConnector connector, HttpContext context, string? conversationId)
    {
        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException)
        {
            context.Response.StatusCode = 400;
            return;
        }
        var (status, answer, retryAfter) = await connector.HandleAsync(context.Request.Method, context.Request.Path, conversationId, body, context.RequestAborted);
        context.Response.StatusCode = status;
        if (retryAfter is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        if (answer is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(answer.ToJsonString(), context.RequestAborted);
        }
    }
}
