using Azure.Data.Tables;
using Azure.Identity;

namespace GlueTeams.Storage;

/// <summary>The service's tables. Clients are cheap and thread-safe; one instance serves the whole app.</summary>
public sealed class GlueTables
{
    /// <param name="clientOptions">The clients' options (retries, transport); from <paramref name="options"/> when null.</param>
    public GlueTables(StorageOptions options, TableClientOptions? clientOptions = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        clientOptions ??= options.TableClientOptions();
        Service = string.IsNullOrWhiteSpace(options.ConnectionString)
            ? new TableServiceClient(options.TableEndpoint!, new DefaultAzureCredential(), clientOptions)
            : new TableServiceClient(options.ConnectionString, clientOptions);
        Activities = Service.GetTableClient(options.TablePrefix + "Activities");
        Users = Service.GetTableClient(options.TablePrefix + "Users");
        SyncState = Service.GetTableClient(options.TablePrefix + "SyncState");
        Audit = Service.GetTableClient(options.TablePrefix + "Audit");
        Claims = Service.GetTableClient(options.TablePrefix + "Claims");
        Schedule = Service.GetTableClient(options.TablePrefix + "Schedule");
        Subscriptions = Service.GetTableClient(options.TablePrefix + "Subscriptions");
        Tombstones = Service.GetTableClient(options.TablePrefix + "Tombstones");
        Leases = Service.GetTableClient(options.TablePrefix + "Leases");
        Instances = Service.GetTableClient(options.TablePrefix + "Instances");
        Acknowledgements = Service.GetTableClient(options.TablePrefix + "Acknowledgements");
        Nudges = Service.GetTableClient(options.TablePrefix + "Nudges");
        ArtifactReach = Service.GetTableClient(options.TablePrefix + "ArtifactReach");
        Tenants = Service.GetTableClient(options.TablePrefix + "Tenants");
        TenantModels = Service.GetTableClient(options.TablePrefix + "TenantModels");
    }

    public TableServiceClient Service { get; }
    public TableClient Activities { get; }
    public TableClient Users { get; }
    public TableClient SyncState { get; }
    public TableClient Audit { get; }
    public TableClient Claims { get; }
    public TableClient Schedule { get; }
    public TableClient Subscriptions { get; }
    /// <summary>Erasure tombstones: a time under a hashed key, nothing else (<see cref="Users.ErasureTombstones"/>).</summary>
    public TableClient Tombstones { get; }
    /// <summary>Leases of background jobs that must run on one instance at a time (<see cref="Leases.JobLease"/>).</summary>
    public TableClient Leases { get; }

    /// <summary>Heartbeats of the running app instances, which share the Teams send rate.</summary>
    public TableClient Instances { get; }

    /// <summary>Managers' acknowledgements, in the partition of the engineer they are about.</summary>
    public TableClient Acknowledgements { get; }

    /// <summary>The nudges each engineer dismissed.</summary>
    public TableClient Nudges { get; }

    /// <summary>Views and viewers of engineers' artifact links, from Graph's item analytics.</summary>
    public TableClient ArtifactReach { get; }

    /// <summary>Multi-tenant mode: the tenants served and the admin-consent states (<see cref="Tenants.TenantRegistry"/>).</summary>
    public TableClient Tenants { get; }

    /// <summary>The tenant model's counts, per tenant (Suggestions/TenantModelStore).</summary>
    public TableClient TenantModels { get; }

    public IEnumerable<TableClient> All => [Activities, Users, SyncState, Audit, Claims, Schedule, Subscriptions, Tombstones, Leases, Instances, Tenants, TenantModels,
        Acknowledgements, Nudges, ArtifactReach];

    /// <summary>Creates the tables that do not exist yet (at start, and again until storage answers).</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        foreach (var table in All)
        {
            await table.CreateIfNotExistsAsync(cancellationToken);
        }
    }
}
