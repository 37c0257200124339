using Azure;
using Azure.Data.Tables;

namespace GlueTeams.Storage.Leases;

/// <summary>A lease taken: who holds it, the ETag that proves it, and when the job last completed.</summary>
public sealed record HeldLease(string Name, string Holder, ETag ETag, DateTimeOffset? LastRun);

/// <summary>
/// One instance at a time for a background job, by a lease row in Table Storage guarded by its ETag: taking it is an
/// insert (absent) or a replace with the ETag read (expired), so of several instances exactly one succeeds. A holder
/// that dies leaves the lease to expire. The row also keeps when the job last completed, so that a daily job runs
/// once a day however many instances poll.
/// </summary>
public sealed class JobLease(GlueTables tables, TimeProvider time)
{
    private readonly TableClient _table = tables.Leases;

    public async Task<HeldLease?> TryTakeAsync(string name, string holder, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var current = await _table.GetEntityIfExistsAsync<TableEntity>(name, "", cancellationToken: cancellationToken);
        var lastRun = current.HasValue ? current.Value!.GetDateTimeOffset("LastRun") : null;
        var entity = new TableEntity(name, "") { ["Holder"] = holder, ["Until"] = now + duration, ["LastRun"] = lastRun };
        try
        {
            if (!current.HasValue)
            {
                var added = await _table.AddEntityAsync(entity, cancellationToken);
                return new HeldLease(name, holder, added.Headers.ETag ?? default, null);
            }
            if (current.Value!.GetDateTimeOffset("Until") > now)
            {
                return null; // held by someone else (or by us, still running)
            }
            var replaced = await _table.UpdateEntityAsync(entity, current.Value.ETag, TableUpdateMode.Replace, cancellationToken);
            return new HeldLease(name, holder, replaced.Headers.ETag ?? default, lastRun);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return null; // another instance took it between our read and our write
        }
    }

    /// <summary>Gives the lease back; <paramref name="ranAt"/> records a completed run (null: not run, keep the last one).</summary>
    public async Task ReleaseAsync(HeldLease lease, DateTimeOffset? ranAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var entity = new TableEntity(lease.Name, "") { ["Holder"] = "", ["Until"] = time.GetUtcNow(), ["LastRun"] = ranAt ?? lease.LastRun };
        try
        {
            await _table.UpdateEntityAsync(entity, lease.ETag, TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // it expired and someone else holds it now: theirs to release
        }
    }
}
