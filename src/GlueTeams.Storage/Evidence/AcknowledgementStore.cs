using System.Globalization;
using Azure;
using Azure.Data.Tables;
using GlueTeams.Core.Weeks;
using GlueTeams.Storage.Tables;

namespace GlueTeams.Storage.Evidence;

/// <summary>
/// A manager's short note on a record or a period their report shared. <see cref="RecordId"/> is set for a record,
/// <see cref="From"/>..<see cref="To"/> for a period; <see cref="About"/> says which, in words, as the manager saw it.
/// <see cref="Quoted"/> is the engineer's choice to quote it in their promotion packet.
/// </summary>
public sealed record Acknowledgement(string Id, string TenantId, string UserId, string ManagerId, string ManagerName, string? RecordId,
    IsoWeek? From, IsoWeek? To, string About, string Note, DateTimeOffset At, bool Quoted);

/// <summary>
/// Acknowledgements, in the partition of the engineer they are about (so the engineer's erasure removes them with one
/// partition delete), newest first (row keys are inverted ticks). Only the engineer and the acknowledging manager ever
/// read them: <see cref="ListAsync"/> for the engineer, <see cref="ListByAsync"/> for one manager's own.
/// </summary>
public sealed class AcknowledgementStore(GlueTables tables)
{
    private readonly TableClient _table = tables.Acknowledgements;

    public async Task<Acknowledgement> AddAsync(Acknowledgement acknowledgement, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(acknowledgement);
        var id = (DateTimeOffset.MaxValue.UtcTicks - acknowledgement.At.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N");
        var stored = acknowledgement with { Id = id };
        var entity = new TableEntity(TableKeys.UserPartition(stored.TenantId, stored.UserId), id)
        {
            ["Tenant"] = stored.TenantId,
            ["User"] = stored.UserId,
            ["Manager"] = stored.ManagerId,
            ["ManagerName"] = stored.ManagerName,
            ["RecordId"] = stored.RecordId,
            ["From"] = stored.From?.ToString(),
            ["To"] = stored.To?.ToString(),
            ["About"] = stored.About,
            ["Note"] = stored.Note,
            ["At"] = stored.At,
            ["Quoted"] = stored.Quoted,
        };
        TableLimits.CheckEntity(entity);
        await _table.AddEntityAsync(entity, cancellationToken);
        return stored;
    }

    /// <summary>Every acknowledgement about the engineer, newest first: for the engineer only.</summary>
    public Task<IReadOnlyList<Acknowledgement>> ListAsync(string tenantId, string userId, CancellationToken cancellationToken = default) =>
        QueryAsync($"PartitionKey eq {TableKeys.Literal(TableKeys.UserPartition(tenantId, userId))}", cancellationToken);

    /// <summary>What one manager wrote about one report, newest first: nobody else's notes.</summary>
    public Task<IReadOnlyList<Acknowledgement>> ListByAsync(string tenantId, string userId, string managerId, CancellationToken cancellationToken = default) =>
        QueryAsync($"PartitionKey eq {TableKeys.Literal(TableKeys.UserPartition(tenantId, userId))} and Manager eq {TableKeys.Literal(managerId)}", cancellationToken);

    /// <summary>Sets whether the engineer quotes it in their packet; false when there is no such acknowledgement about them.</summary>
    public async Task<bool> SetQuotedAsync(string tenantId, string userId, string id, bool quoted, CancellationToken cancellationToken = default)
    {
        if (!IsWellFormedId(id))
        {
            return false;
        }
        try
        {
            await _table.UpdateEntityAsync(new TableEntity(TableKeys.UserPartition(tenantId, userId), id) { ["Quoted"] = quoted }, ETag.All, TableUpdateMode.Merge, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }

    public async Task DeleteAsync(Acknowledgement acknowledgement, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(acknowledgement);
        await _table.DeleteEntityAsync(TableKeys.UserPartition(acknowledgement.TenantId, acknowledgement.UserId), acknowledgement.Id, cancellationToken: cancellationToken);
    }

    /// <summary>An id comes from a request: 19 digits, a dash, 32 hex digits, or it is not one of ours.</summary>
    private static bool IsWellFormedId(string? id) =>
        id is { Length: 52 } && id[19] == '-' && id[..19].All(char.IsAsciiDigit) && id[20..].All(char.IsAsciiHexDigit);

    private async Task<IReadOnlyList<Acknowledgement>> QueryAsync(string filter, CancellationToken cancellationToken)
    {
        var found = new List<Acknowledgement>();
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            found.Add(new Acknowledgement(e.RowKey, e.GetString("Tenant"), e.GetString("User"), e.GetString("Manager"), e.GetString("ManagerName") ?? "",
                e.GetString("RecordId"), IsoWeek.TryParse(e.GetString("From"), out var from) ? from : null, IsoWeek.TryParse(e.GetString("To"), out var to) ? to : null,
                e.GetString("About") ?? "", e.GetString("Note") ?? "", e.GetDateTimeOffset("At") ?? default, e.GetBoolean("Quoted") ?? false));
        }
        return found;
    }
}
