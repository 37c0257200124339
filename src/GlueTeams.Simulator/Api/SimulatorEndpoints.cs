using System.Text.Json;
using System.Text.Json.Nodes;
using GlueTeams.Core.Categories;
using GlueTeams.Simulator.Calendars;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GlueTeams.Simulator.Api;

/// <summary>
/// The HTTP surface: Graph v1.0 under /v1.0 (answered by the <see cref="GraphApi"/> of the tenant the request's token
/// is for, as Graph decides by the token), and /sim for the demo and load drivers to change the first tenant's
/// calendars and read its counters.
/// </summary>
public static class SimulatorEndpoints
{
    /// <param name="tenants">The tenants served; the first is the one /sim changes.</param>
    /// <param name="issuer">The issuer whose app-only tokens Graph accepts (signature, audience, lifetime, the tenant's issuer).</param>
    public static IEndpointRouteBuilder MapGraphSimulator(this IEndpointRouteBuilder routes, IReadOnlyList<SimulatedTenant> tenants, Tokens.DevTokenIssuer issuer)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(tenants);
        var graphs = tenants.ToDictionary(t => t.TenantId, t => new GraphApi(t), StringComparer.OrdinalIgnoreCase);
        routes.Map("/v1.0/{**path}", async (HttpContext context, string? path) =>
        {
            // No token: the tenant's own API says so (and counts it). A token Graph would not accept: 401 from no tenant.
            var token = context.Request.Headers.Authorization.ToString() is { Length: > 7 } header && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
            var tenantId = token is null ? tenants[0].TenantId : await issuer.GraphTenantOfAsync(token);
            if (tenantId is null || !graphs.TryGetValue(tenantId, out var graph))
            {
                await WriteAsync(context.Response, GraphResponse.Error(401, "InvalidAuthenticationToken", "Access token validation failure. Invalid audience, signature, lifetime or tenant."));
                return;
            }
            await ServeGraphAsync(graph, context, path ?? "");
        });
        var tenant = tenants[0];

        var sim = routes.MapGroup("/sim");
        sim.MapGet("/counters", () => TypedResults.Ok(new
        {
            tenant.Counters.Total,
            tenant.Counters.Throttled,
            tenant.Counters.Unavailable,
            tenant.Counters.BodiesReturned,
            tenant.Counters.ByKind,
        }));
        sim.MapPost("/users/{userId}/events/{eventId}/move", (string userId, string eventId, int minutes) =>
            Change(() => tenant.Calendars.Move(userId, eventId, TimeSpan.FromMinutes(minutes))));
        sim.MapPost("/users/{userId}/events/{eventId}/cancel", (string userId, string eventId) =>
            Change(() => tenant.Calendars.Cancel(userId, eventId)));
        sim.MapDelete("/users/{userId}/events/{eventId}", (string userId, string eventId) =>
            Change(() => { tenant.Calendars.Delete(userId, eventId); return null; }));
        sim.MapPost("/users/{userId}/events", (string userId, NewEvent added) =>
            Change(() => tenant.Calendars.Add(userId, added.ToEvent(tenant.Org.Get(userId)))));
        return routes;
    }

    /// <summary>An event the demo adds: subject, start, minutes, and the glue label it should be measured against.</summary>
    public sealed record NewEvent(string Subject, DateTimeOffset Start, int Minutes, string Label = GlueCategories.NotGlueId)
    {
        internal SimulatedEvent ToEvent(Org.SimulatedUser user) => new()
        {
            Id = "",
            ICalUId = "",
            Subject = Subject,
            Start = Start,
            End = Start.AddMinutes(Minutes),
            TimeZone = user.TimeZone,
            Organizer = new SimulatedPerson(user.DisplayName, user.Mail, Response: "organizer"),
            IsOrganizer = true,
            Response = "organizer",
            Label = Label,
        };
    }

    private static Results<Ok<string>, NoContent, NotFound<string>> Change(Func<SimulatedEvent?> change)
    {
        try
        {
            return change() is { } e ? TypedResults.Ok(e.Id) : TypedResults.NoContent();
        }
        catch (KeyNotFoundException e)
        {
            return TypedResults.NotFound(e.Message);
        }
    }

    private static async Task ServeGraphAsync(GraphApi graph, HttpContext context, string path)
    {
        var http = context.Request;
        JsonNode? body = null;
        if (http.HasJsonContentType())
        {
            try
            {
                body = await JsonNode.ParseAsync(http.Body, cancellationToken: context.RequestAborted);
            }
            catch (JsonException)
            {
                await WriteAsync(context.Response, GraphResponse.Error(400, "BadRequest", "The request body is not valid JSON."));
                return;
            }
        }
        var headers = http.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var request = new GraphRequest(http.Method, "/" + path, GraphApi.ParseQuery(http.QueryString.Value ?? ""), headers, body,
            $"{http.Scheme}://{http.Host}/v1.0");
        await WriteAsync(context.Response, await graph.HandleAsync(request, context.RequestAborted));
    }

    private static async Task WriteAsync(HttpResponse response, GraphResponse graph)
    {
        response.StatusCode = graph.Status;
        foreach (var (name, value) in graph.Headers ?? new Dictionary<string, string>())
        {
            response.Headers[name] = value;
        }
        if (graph.Json is not null)
        {
            response.ContentType = "application/json";
            await response.WriteAsync(graph.Json.ToJsonString());
        }
    }
}
