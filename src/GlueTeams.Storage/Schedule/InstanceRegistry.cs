using Azure.Data.Tables;
using GlueTeams.Storage.Tables;

namespace GlueTeams.Storage.Schedule;

/// <summary>
/// Which app instances are alive: each writes a heartbeat row now and then, and an instance whose row is older than
/// the time-to-live counts as gone. The Teams send rate is shared by all instances, so each takes its share.
/// </summary>
public sealed class InstanceRegistry(GlueTables tables)
{
    private const string Partition = "instances";
    private readonly TableClient _table = tables.Instances;

    /// <summary>Records that <paramref name="instanceId"/> is alive at <paramref name="now"/>.</summary>
    public async Task HeartbeatAsync(string instanceId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var row = new TableEntity(Partition, TableKeys.Encode(instanceId)) { ["SeenAt"] = now.ToUniversalTime() };
        try
        {
            await _table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
        }
        catch (Azure.RequestFailedException e) when (e.ErrorCode == "TableNotFound")
        {
            // storage was down when the app started: create the table on first use
            await _table.CreateIfNotExistsAsync(cancellationToken);
            await _table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
        }
    }

    /// <summary>How many instances wrote a heartbeat within <paramref name="timeToLive"/> of <paramref name="now"/> (at least 1: the caller).</summary>
    public async Task<int> LiveCountAsync(DateTimeOffset now, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        var live = 0;
        var since = now - timeToLive;
        await foreach (var row in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), select: ["SeenAt"], cancellationToken: cancellationToken))
        {
            live += row.GetDateTimeOffset("SeenAt") > since ? 1 : 0;
        }
        return Math.Max(1, live);
    }

    /// <summary>An instance that stops says so, so the others take its share at once.</summary>
    public async Task RemoveAsync(string instanceId, CancellationToken cancellationToken = default) =>
        await _table.DeleteEntityAsync(Partition, TableKeys.Encode(instanceId), cancellationToken: cancellationToken);
}
