using GlueTeams.App.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GlueTeams.App.Api;

/// <summary>
/// Development only: lets the pages open in a plain browser as any simulated user by forwarding to the simulator's
/// /dev/token. Not mapped in any other environment, so it answers 404 there.
/// </summary>
public static class DevTokenApi
{
    public const string HttpClientName = "dev-token";

    public static IEndpointRouteBuilder MapDevTokenApi(this IEndpointRouteBuilder routes, Uri devTokenUrl)
    {
        routes.MapGet("/api/dev/token", async Task<Results<ContentHttpResult, ProblemHttpResult>> (string? tid, string? oid, IHttpClientFactory clients, CancellationToken cancellationToken) =>
        {
            if (!Caller.IsSafeId(tid) || !Caller.IsSafeId(oid))
            {
                return MeApi.BadRequest("tid and oid must be directory ids (letters, digits and dashes).");
            }
            var url = new Uri($"{devTokenUrl.AbsoluteUri}?tid={Uri.EscapeDataString(tid!)}&oid={Uri.EscapeDataString(oid!)}");
            using var response = await clients.CreateClient(HttpClientName).GetAsync(url, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return response.IsSuccessStatusCode
                ? TypedResults.Content(body, "application/json")
                : TypedResults.Problem("The development token issuer refused: " + body, statusCode: StatusCodes.Status502BadGateway);
        }).ExcludeFromDescription();
        return routes;
    }
}
