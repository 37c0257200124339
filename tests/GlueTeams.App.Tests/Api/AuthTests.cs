using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GlueTeams.App.Tests.Hosting;
using GlueTeams.Simulator.Org;
using GlueTeams.Simulator.Tokens;

namespace GlueTeams.App.Tests.Api;

[TestClass]
public sealed class AuthTests
{
    private static TabApiHost s_host = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context) => s_host = await TabApiHost.StartAsync();

    [ClassCleanup]
    public static async Task StopAsync() => await s_host.DisposeAsync();

    private static async Task<HttpStatusCode> ProfileStatusAsync(string? token)
    {
        using var client = s_host.ClientWith(token);
        return (await client.GetAsync(new Uri("/api/me/profile", UriKind.Relative))).StatusCode;
    }

    [TestMethod]
    public async Task ValidToken_IsAccepted() =>
        Assert.AreEqual(HttpStatusCode.OK, await ProfileStatusAsync(s_host.Token(SimulatedOrg.DemoUserId)));

    [TestMethod]
    public async Task NoToken_Is401() => Assert.AreEqual(HttpStatusCode.Unauthorized, await ProfileStatusAsync(null));

    [TestMethod]
    [DataRow("expired")]
    [DataRow("wrong-audience")]
    [DataRow("alg-none")]
    [DataRow("unknown-key")]
    [DataRow("issuer-of-another-tenant")]
    [DataRow("not-yet-valid")]
    public async Task BadToken_Is401(string flaw)
    {
        var now = DateTimeOffset.UtcNow;
        var token = s_host.Token(SimulatedOrg.DemoUserId, change: request => flaw switch
        {
            "expired" => request with { NotBefore = now.AddHours(-2), Expires = now.AddMinutes(-10) },
            "wrong-audience" => request with { Audience = "api://someone-else" },
            "alg-none" => request with { AlgNone = true },
            "unknown-key" => request with { SignWithUnknownKey = true },
            "issuer-of-another-tenant" => request with { Issuer = DevTokenIssuer.EntraIssuer("11111111-2222-3333-4444-555555555555") },
            "not-yet-valid" => request with { NotBefore = now.AddMinutes(30), Expires = now.AddHours(2) },
            _ => throw new ArgumentOutOfRangeException(nameof(flaw)),
        });
        Assert.AreEqual(HttpStatusCode.Unauthorized, await ProfileStatusAsync(token));
    }

    [TestMethod]
    public async Task TokenWithoutOid_Is401()
    {
        var token = s_host.IssuerHost.Issuer.Mint(new TokenRequest
        {
            Issuer = DevTokenIssuer.EntraIssuer(TabApiHost.TenantId),
            Audience = TabApiHost.Audience,
            Claims = new Dictionary<string, object> { ["tid"] = TabApiHost.TenantId },
        });
        Assert.AreEqual(HttpStatusCode.Unauthorized, await ProfileStatusAsync(token));
    }

    [TestMethod]
    public async Task DevTokenEndpoint_InDevelopment_MintsATokenForASimulatedUser()
    {
        using var client = s_host.ClientWith(null);
        var minted = await client.GetFromJsonAsync<JsonElement>($"/api/dev/token?tid={TabApiHost.TenantId}&oid={SimulatedOrg.DemoUserId}");
        Assert.AreEqual(HttpStatusCode.OK, await ProfileStatusAsync(minted.GetProperty("access_token").GetString()));
        Assert.AreEqual(HttpStatusCode.BadRequest, (await client.GetAsync(new Uri("/api/dev/token?tid=x&oid=a%2Fb", UriKind.Relative))).StatusCode);
    }

    [TestMethod]
    public async Task DevTokenEndpoint_OutsideDevelopment_IsNotFound()
    {
        await using var app = new AppFactory(new Dictionary<string, string?>
        {
            ["Tabs:Audience"] = TabApiHost.Audience,
            // What production requires of the bot: an app id and no loopback service URLs.
            ["Bot:AppId"] = "00000000-0000-0000-0000-00000000b07",
            ["Bot:AllowedServiceUrlHosts:1"] = "smba.trafficmanager.net",
            ["Bot:AllowedServiceUrlHosts:2"] = "smba.trafficmanager.net",
            ["Bot:UseManagedIdentity"] = "true",
        }, environment: "Production");
        using var client = app.CreateClient();
        Assert.AreEqual(HttpStatusCode.NotFound, (await client.GetAsync(new Uri($"/api/dev/token?tid={TabApiHost.TenantId}&oid=a", UriKind.Relative))).StatusCode);
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await client.GetAsync(new Uri("/api/me/profile", UriKind.Relative))).StatusCode);
    }

    [TestMethod]
    public async Task OpenApiDocument_ListsTheTabRoutes()
    {
        using var client = s_host.ClientWith(null);
        var document = await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        foreach (var route in new[] { "/api/me/summary", "/api/me/records/{id}", "/api/me/export", "/api/me/audit", "/api/team/summary", "/api/team/members/{oid}/summary" })
        {
            StringAssert.Contains(document, $"\"{route}\"");
        }
    }
}
