using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using GlueTeams.Core.Suggestions;
using GlueTeams.Storage.Tables;

namespace GlueTeams.Storage.Suggestions;

/// <summary>
/// The tenant model's counts in Table Storage, one partition per tenant: a "model|{category}" row per category (what the
/// engine reads: a dozen rows) and a "user|{user}|{category}" row per user and category (what that user's confirmations
/// added, so that "delete my data" can take exactly that back out). Updated one confirmation at a time, each row
/// replaced under the ETag it was read with and tried again when another writer came first.
/// </summary>
public sealed class TenantModelStore(GlueTables tables)
{
    /// <summary>A row keeps at most this many characters of feature counts (Azure's string limit, with room): the rarest go first.</summary>
    public const int MaxFeatureChars = 30_000;
    // Many users confirming at once all add to the same few rows: a writer that lost the race waits a jittered while
    // (longer each time) and adds to what the winner wrote.
    private const int Attempts = 40;
    private const string ModelPrefix = "model|";

    private readonly TableClient _table = tables.TenantModels;

    /// <summary>The tenant's counts per category (the model's training), or none.</summary>
    public async Task<IReadOnlyList<CategoryCounts>> LoadAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        var rows = new List<CategoryCounts>();
        var filter = $"PartitionKey eq {TableKeys.Literal(Partition(tenantId))} and RowKey ge {TableKeys.Literal(ModelPrefix)} and RowKey lt {TableKeys.Literal("model}")}";
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(ToCounts(row.RowKey[ModelPrefix.Length..], row));
        }
        return rows;
    }

    /// <summary>Adds <paramref name="delta"/> (negative counts take away) to the tenant's model and to what <paramref name="userId"/> contributed.</summary>
    public async Task AddAsync(string tenantId, string userId, CategoryCounts delta, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delta);
        await UpdateAsync(tenantId, ModelPrefix + delta.CategoryId, delta, null, cancellationToken);
        await UpdateAsync(tenantId, UserRow(userId, delta.CategoryId), delta, userId, cancellationToken);
    }

    /// <summary>Takes everything <paramref name="userId"/>'s confirmations added out of the model, and deletes their rows. Returns how many rows.</summary>
    public async Task<int> ForgetUserAsync(string tenantId, string userId, CancellationToken cancellationToken = default)
    {
        var prefix = UserRow(userId, "");
        var filter = $"PartitionKey eq {TableKeys.Literal(Partition(tenantId))} and RowKey ge {TableKeys.Literal(prefix)} and RowKey lt {TableKeys.Literal(prefix[..^1] + "}")}";
        var rows = new List<TableEntity>();
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }
        foreach (var row in rows)
        {
            var contributed = ToCounts(row.RowKey[prefix.Length..], row);
            await UpdateAsync(tenantId, ModelPrefix + contributed.CategoryId, Negate(contributed), null, cancellationToken);
            await _table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
        }
        return rows.Count;
    }

    private async Task UpdateAsync(string tenantId, string rowKey, CategoryCounts delta, string? userId, CancellationToken cancellationToken)
    {
        var partition = Partition(tenantId);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var existing = await _table.GetEntityIfExistsAsync<TableEntity>(partition, rowKey, cancellationToken: cancellationToken);
                var before = existing.HasValue ? ToCounts(delta.CategoryId, existing.Value!) : new CategoryCounts(delta.CategoryId, 0, 0, new Dictionary<string, int>());
                var after = before.Plus(delta);
                if (after.Documents <= 0 && after.Features.Count == 0)
                {
                    if (existing.HasValue)
                    {
                        await _table.DeleteEntityAsync(partition, rowKey, existing.Value!.ETag, cancellationToken);
                    }
                    return;
                }
                var entity = ToEntity(partition, rowKey, after, tenantId, userId);
                TableLimits.CheckEntity(entity);
                if (existing.HasValue)
                {
                    await _table.UpdateEntityAsync(entity, existing.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                }
                else
                {
                    await _table.AddEntityAsync(entity, cancellationToken);
                }
                return;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < Attempts)
            {
                // Another confirmation changed the row between our read and our write: read it again and add to that.
                await Task.Delay(Random.Shared.Next(1, Math.Min(250, 10 * attempt)), cancellationToken);
            }
        }
    }

    private static CategoryCounts Negate(CategoryCounts counts) =>
        new(counts.CategoryId, -counts.Documents, -counts.TotalFeatures, counts.Features.ToDictionary(p => p.Key, p => -p.Value, StringComparer.Ordinal));

    private static CategoryCounts ToCounts(string categoryId, TableEntity row) => new(
        categoryId,
        row.GetInt32("Documents") ?? 0,
        row.GetInt32("TotalFeatures") ?? 0,
        JsonSerializer.Deserialize<Dictionary<string, int>>(row.GetString("Features") ?? "{}") ?? []);

    private static TableEntity ToEntity(string partition, string rowKey, CategoryCounts counts, string tenantId, string? userId)
    {
        var entity = new TableEntity(partition, rowKey)
        {
            ["Documents"] = counts.Documents,
            ["TotalFeatures"] = counts.TotalFeatures,
            ["Features"] = BoundedJson(counts.Features),
            ["Tenant"] = tenantId,
        };
        if (userId is not null)
        {
            entity["User"] = userId; // a user's contribution row names them, so that every erasure check finds it
        }
        return entity;
    }

    /// <summary>The counts as JSON, the commonest first, cut where the row would pass <see cref="MaxFeatureChars"/>.</summary>
    private static string BoundedJson(IReadOnlyDictionary<string, int> features)
    {
        var kept = new Dictionary<string, int>(StringComparer.Ordinal);
        var length = 2;
        foreach (var (feature, count) in features.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal))
        {
            length += feature.Length + 16; // quotes, colon, comma, the count, and room for escapes
            if (length > MaxFeatureChars)
            {
                break;
            }
            kept[feature] = count;
        }
        return JsonSerializer.Serialize(kept);
    }

    private static string Partition(string tenantId) => TableKeys.Encode(tenantId);

    private static string UserRow(string userId, string categoryId) => $"user|{TableKeys.Encode(userId)}|{categoryId}";
}
