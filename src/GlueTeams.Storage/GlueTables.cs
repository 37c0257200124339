using Azure.Data.Tables;
using Azure.Identity;

namespace GlueTeams.Storage;

/// <summary>The service's tables. Clients are cheap and thread-safe; one instance serves the whole app.</summary>
public sealed class GlueTables
{
    public GlueTables(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Service = string.IsNullOrWhiteSpace(options.ConnectionString)
            ? new TableServiceClient(options.TableEndpoint!, new DefaultAzureCredential())
            : new TableServiceClient(options.ConnectionString);
        Activities = Service.GetTableClient(options.TablePrefix + "Activities");
        Users = Service.GetTableClient(options.TablePrefix + "Users");
        SyncState = Service.GetTableClient(options.TablePrefix + "SyncState");
        Audit = Service.GetTableClient(options.TablePrefix + "Audit");
        Claims = Service.GetTableClient(options.TablePrefix + "Claims");
        Schedule = Service.GetTableClient(options.TablePrefix + "Schedule");
        Subscriptions = Service.GetTableClient(options.TablePrefix + "Subscriptions");
        Instances = Service.GetTableClient(options.TablePrefix + "Instances");
    }

    public TableServiceClient Service { get; }
    public TableClient Activities { get; }
    public TableClient Users { get; }
    public TableClient SyncState { get; }
    public TableClient Audit { get; }
    public TableClient Claims { get; }
    public TableClient Schedule { get; }
    public TableClient Subscriptions { get; }
    /// <summary>Heartbeats of the running app instances, which share the Teams send rate.</summary>
    public TableClient Instances { get; }

    public IEnumerable<TableClient> All => [Activities, Users, SyncState, Audit, Claims, Schedule, Subscriptions, Instances];

    /// <summary>Creates the tables that do not exist yet. Run once at start.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        foreach (var table in All)
        {
            await table.CreateIfNotExistsAsync(cancellationToken);
        }
    }
}
