using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using GlueTeams.App.Tests.Bot;
using GlueTeams.App.Tests.Hosting;
using GlueTeams.Simulator;
using GlueTeams.Simulator.Org;
using GlueTeams.Simulator.Tokens;
using GlueTeams.Storage;
using GlueTeams.Storage.Tenants;
using GlueTeams.Storage.Users;
using GlueTeams.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GlueTeams.App.Tests.Tenants;

/// <summary>
/// The app in multi-tenant mode against the simulator's two tenants (A and B: separate organisations, calendars and
/// token issuers per tenant), with the bot's connector recorded and tab tokens signed by the simulator's issuer.
/// </summary>
internal sealed class TenantsHost : IAsyncDisposable
{
    public const string A = SimulatedOrg.TenantId;
    public const string B = SimulatedOrg.SecondTenantId;
    /// <summary>A tenant that exists nowhere: never consented, no simulated organisation.</summary>
    public const string C = "c0c0c0c0-0000-4000-8000-00000000000c";
    public const string Audience = "api://glueteams-test";
    public const string ClientId = "6d1f5a7e-2b4c-4f1e-9a3b-0c5d7e9f1a2b";
    public static readonly Uri PublicUrl = new("https://glue.test/");

    private TenantsHost(SimulatorHost simulator, BotHarness bot)
    {
        Simulator = simulator;
        Bot = bot;
    }

    public SimulatorHost Simulator { get; }
    public BotHarness Bot { get; }
    public AppFactory App => Bot.App;
    public SimulatedOrg OrgA => Simulator.Tenant.Org;
    public SimulatedOrg OrgB => Simulator.SecondTenant.Org;
    public TenantRegistry Registry => App.Services.GetRequiredService<TenantRegistry>();
    public GlueTables Tables => App.Services.GetRequiredService<GlueTables>();
    public UserStore Users => App.Services.GetRequiredService<UserStore>();

    /// <summary>The settings of a multi-tenant deployment whose Graph, consent page and token keys are the simulator's.</summary>
    public static Dictionary<string, string?> Settings(SimulatorHost simulator, IReadOnlyDictionary<string, string?>? more = null)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        var settings = new Dictionary<string, string?>
        {
            ["Tenancy:Mode"] = "MultiTenant",
            ["Tenancy:ConsentAuthority"] = new Uri(simulator.BaseUrl, "dev/").AbsoluteUri,
            ["Graph:Enabled"] = "true",
            ["Graph:BaseUrl"] = simulator.GraphBaseUrl,
            ["Graph:DevTokenUrl"] = new Uri(simulator.BaseUrl, "dev/graph/token").AbsoluteUri,
            ["Graph:ClientId"] = ClientId,
            ["Store:PublicUrl"] = PublicUrl.AbsoluteUri,
            ["Tabs:Audience"] = Audience,
            ["Tabs:DevIssuerMetadataUrl"] = new Uri(simulator.BaseUrl, $"dev/{A}/v2.0/.well-known/openid-configuration").AbsoluteUri,
            ["Sync:RunWorker"] = "false",
            // Used once a test gives the bot an app id: the simulator's issuer stands in for the Bot Framework's.
            ["Bot:OpenIdMetadataUrl"] = new Uri(simulator.BaseUrl, "dev/bot/.well-known/openid-configuration").AbsoluteUri,
        };
        foreach (var (key, value) in more ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        return settings;
    }

    /// <param name="registered">The tenants whose admins consented before the test (both by default).</param>
    /// <param name="notifications">Serve on a loopback port with Graph:NotificationUrl, so that Graph subscriptions can be made.</param>
    public static async Task<TenantsHost> StartAsync(string[]? registered = null, IReadOnlyDictionary<string, string?>? more = null, bool notifications = false)
    {
        var simulator = await SimulatorHost.StartAsync(new SimulatorOptions { Users = 20, SecondTenantUsers = 20 }, TestClock.Shared);
        var port = notifications ? Azurite.FreePort() : (int?)null;
        var settings = Settings(simulator, more);
        if (port is not null)
        {
            settings["Graph:NotificationUrl"] = $"http://127.0.0.1:{port}/api/graph/notifications";
        }
        var host = new TenantsHost(simulator, new BotHarness(settings, kestrelPort: port));
        foreach (var tenant in registered ?? [A, B])
        {
            await host.Registry.RegisterAsync(tenant, consentedBy: null);
        }
        return host;
    }

    /// <summary>An Entra ID access token for our API, signed by the simulator's issuer; <paramref name="wids"/> are directory role template ids.</summary>
    public string Token(string tenantId, string userId, params string[] wids) =>
        Simulator.Issuer.MintUserToken(tenantId, userId, Audience, change: r => TestClock.Shared.ValidOnBothClocks(wids.Length == 0 ? r : r with
        {
            Claims = new Dictionary<string, object>(r.Claims) { ["wids"] = wids },
        }));

    public HttpClient ClientFor(string tenantId, string userId, params string[] wids)
    {
        var client = App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(tenantId, userId, wids));
        return client;
    }

    /// <summary>A message from a user of a tenant, in their personal chat.</summary>
    public JsonObject Message(string tenantId, string userId, string text)
    {
        var activity = Bot.Activity("message", tenantId, userId);
        activity["text"] = text;
        return activity;
    }

    public JsonObject Install(string tenantId, string userId)
    {
        var activity = Bot.Activity("installationUpdate", tenantId, userId);
        activity["action"] = "add";
        return activity;
    }

    /// <summary>Every row of every table that mentions the tenant: in its keys or in any property (the tenant id as stored).</summary>
    public async Task<IReadOnlyList<string>> RowsOfAsync(string tenantId)
    {
        var found = new List<string>();
        foreach (var table in Tables.All)
        {
            await foreach (var row in table.QueryAsync<TableEntity>())
            {
                if (row.PartitionKey.Contains(tenantId, StringComparison.OrdinalIgnoreCase) || row.RowKey.Contains(tenantId, StringComparison.OrdinalIgnoreCase)
                    || row.Any(p => p.Value is string text && text.Contains(tenantId, StringComparison.OrdinalIgnoreCase)))
                {
                    found.Add($"{table.Name}: {row.PartitionKey} / {row.RowKey}");
                }
            }
        }
        return found;
    }

    /// <summary>Every row of every table as (table, keys, ETag): to prove that nothing of another tenant changed.</summary>
    public async Task<IReadOnlyList<string>> SnapshotAsync(string tenantId)
    {
        var rows = new List<string>();
        foreach (var table in Tables.All)
        {
            await foreach (var row in table.QueryAsync<TableEntity>())
            {
                if (row.PartitionKey.Contains(tenantId, StringComparison.OrdinalIgnoreCase) || row.Any(p => p.Value is string text && text.Contains(tenantId, StringComparison.OrdinalIgnoreCase)))
                {
                    rows.Add($"{table.Name}: {row.PartitionKey} / {row.RowKey} @ {row.ETag}");
                }
            }
        }
        return [.. rows.Order(StringComparer.Ordinal)];
    }

    public async ValueTask DisposeAsync()
    {
        await Bot.DisposeAsync();
        await Simulator.DisposeAsync();
    }
}
