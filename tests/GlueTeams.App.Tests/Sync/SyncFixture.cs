using GlueTeams.App.Sync;
using GlueTeams.Core.Weeks;
using GlueTeams.Simulator;
using GlueTeams.Storage;
using GlueTeams.Storage.Activities;
using GlueTeams.Storage.Sync;
using GlueTeams.Storage.Users;
using GlueTeams.Testing;

namespace GlueTeams.App.Tests.Sync;

/// <summary>The simulated tenant, fresh Azurite tables, and a WeekSync between them.</summary>
internal sealed class SyncFixture : IAsyncDisposable
{
    public static readonly IsoWeek Week = new(2026, 47);

    private SyncFixture(SimulatedGraph graph, GlueTables tables, StorageOptions storage)
    {
        Graph = graph;
        Tables = tables;
        Storage = storage;
        Activities = new ActivityStore(tables);
        SyncStates = new SyncStateStore(tables);
        Users = new UserStore(tables);
        Sync = new WeekSync(new GlueTeams.App.Tenants.TenantAccess(new GlueTeams.App.Tenants.TenancyOptions(), new GlueTeams.Storage.Tenants.TenantRegistry(tables, TimeProvider.System),
                new ErasureTombstones(tables, TimeProvider.System),
                new Microsoft.Extensions.Caching.Memory.MemoryCache(new Microsoft.Extensions.Caching.Memory.MemoryCacheOptions()), graph.Clients), Activities, SyncStates, TimeProvider.System,
            new GlueTeams.App.Users.ErasureGuard(new ErasureTombstones(tables, TimeProvider.System), Activities, SyncStates));
    }

    public SimulatedGraph Graph { get; }
    public GlueTables Tables { get; }
    public StorageOptions Storage { get; }
    public ActivityStore Activities { get; }
    public SyncStateStore SyncStates { get; }
    public UserStore Users { get; }
    public WeekSync Sync { get; }

    public static async Task<SyncFixture> StartAsync(SimulatorOptions? simulator = null)
    {
        var graph = await SimulatedGraph.StartAsync(simulator);
        var storage = Azurite.NewStorageOptions();
        var tables = new GlueTables(storage);
        await tables.EnsureCreatedAsync();
        return new SyncFixture(graph, tables, storage);
    }

    public UserProfile Profile(string userId) => SimulatedProfiles.For(Graph.Tenant.Org, Graph.Tenant.Org.Get(userId));

    public async Task<IReadOnlyList<StoredRecord>> StoredAsync(UserProfile user) =>
        await Activities.ListAsync(user.TenantId, user.UserId, Week, Week);

    public async ValueTask DisposeAsync()
    {
        foreach (var table in Tables.All)
        {
            await table.DeleteAsync();
        }
        await Graph.DisposeAsync();
    }
}
