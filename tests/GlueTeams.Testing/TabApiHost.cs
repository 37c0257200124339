using System.Net.Http.Headers;
using GlueTeams.Core.Records;
using GlueTeams.Core.Weeks;
using GlueTeams.Simulator;
using GlueTeams.Simulator.Org;
using GlueTeams.Simulator.Tokens;
using GlueTeams.Storage.Activities;
using GlueTeams.Storage.Audit;
using GlueTeams.Storage.Users;
using Microsoft.Extensions.DependencyInjection;

namespace GlueTeams.Testing;

/// <summary>
/// The app in-process with the tab API on: tokens from the development issuer served over loopback HTTP (so JwtBearer
/// fetches metadata and keys as it would Entra ID's), direct reports from the in-process simulated tenant.
/// </summary>
public sealed class TabApiHost : IAsyncDisposable
{
    public const string Audience = "api://glueteams-test";
    public const string TenantId = SimulatedOrg.TenantId;

    /// <summary>How the API writes JSON (web defaults, ISO weeks as "2026-W47", enums by name), for reading answers as records.</summary>
    public static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Converters = { new GlueTeams.App.Api.IsoWeekJsonConverter(), new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    private TabApiHost(SimulatedGraph graph, DevTokenIssuerHost issuer, AppFactory app)
    {
        Graph = graph;
        IssuerHost = issuer;
        App = app;
    }

    public SimulatedGraph Graph { get; }
    public DevTokenIssuerHost IssuerHost { get; }
    public AppFactory App { get; }
    public SimulatedOrg Org => Graph.Tenant.Org;
    public ActivityStore Activities => App.Services.GetRequiredService<ActivityStore>();
    public UserStore Users => App.Services.GetRequiredService<UserStore>();
    public AuditLog Audit => App.Services.GetRequiredService<AuditLog>();
    public static IsoWeek CurrentWeek => IsoWeek.Containing(TestClock.Shared.GetUtcNow(), TimeZoneInfo.Utc);

    /// <summary>"This week" for a simulated user, as the API takes it: the week of now in their own zone.</summary>
    public static IsoWeek WeekOf(SimulatedUser user) => IsoWeek.Containing(TestClock.Shared.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(user.TimeZone));

    /// <summary>The week the manager's Team review ends with: the latest week that has begun for them or any of their reports.</summary>
    public IsoWeek TeamWeek => Manager.DirectReportIds.Select(Org.Get).Append(Manager).Max(WeekOf);

    /// <summary>A manager with at least two direct reports, and someone who is not their report.</summary>
    public SimulatedUser Manager => Org.Users.First(u => u.Role == OrgRole.Manager && u.DirectReportIds.Count >= 2);
    public SimulatedUser Report(int index) => Org.Get(Manager.DirectReportIds[index]);
    public SimulatedUser NotAReport => Org.Users.First(u => u.Role == OrgRole.Engineer && u.ManagerId != Manager.Id);

    /// <param name="storage">Storage of the test's own (an Azurite it stops and starts); new tables on the shared Azurite when null.</param>
    public static async Task<TabApiHost> StartAsync(IReadOnlyDictionary<string, string?>? extra = null, SimulatorOptions? simulator = null,
        GlueTeams.Storage.StorageOptions? storage = null)
    {
        var graph = await SimulatedGraph.StartAsync(simulator ?? new SimulatorOptions { Users = 40 });
        var issuer = await DevTokenIssuerHost.StartAsync(apiAudience: Audience);
        var settings = new Dictionary<string, string?>
        {
            ["Tabs:Audience"] = Audience,
            ["Tabs:DevIssuerMetadataUrl"] = new Uri(issuer.BaseAddress, $"/dev/{TenantId}/v2.0/.well-known/openid-configuration").ToString(),
            ["Tabs:DevTokenUrl"] = new Uri(issuer.BaseAddress, "/dev/token").ToString(),
            ["Graph:Enabled"] = "true",
            ["Graph:BaseUrl"] = graph.Host.GraphBaseUrl,
            ["Graph:DevTokenUrl"] = new Uri(graph.Host.BaseUrl, "dev/graph/token").ToString(),
            ["Graph:TenantId"] = TenantId,
            ["Sync:RunWorker"] = "false",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        return new TabApiHost(graph, issuer, new AppFactory(AppFactory.WithPatientWaits(settings), storage));
    }

    public string Token(string userId, string tenantId = TenantId, Func<TokenRequest, TokenRequest>? change = null) =>
        IssuerHost.Issuer.MintUserToken(tenantId, userId, Audience, change: change);

    public HttpClient ClientFor(string userId, string tenantId = TenantId) => ClientWith(Token(userId, tenantId));

    public HttpClient ClientWith(string? token)
    {
        var client = App.CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return client;
    }

    public async Task SeedAsync(SimulatedUser user, IEnumerable<ActivityRecord> records, bool? sharingDefault = true)
    {
        await Users.UpsertAsync(SimulatedProfiles.For(Org, user, sharingDefault));
        foreach (var record in records)
        {
            await Activities.PutDecidedAsync(record);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await IssuerHost.DisposeAsync();
        await Graph.DisposeAsync();
    }
}
