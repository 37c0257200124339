using Azure.Data.Tables;

namespace GlueTeams.Storage.Tables;

/// <summary>
/// Azure Table Storage limits that Azurite does not enforce, checked here so that what passes against Azurite also
/// passes against Azure: ≤ 100 entities and ≤ 4 MiB per transaction, one partition per transaction,
/// ≤ 252 properties and ≤ 1 MiB per entity, strings ≤ 64 KiB.
/// </summary>
public static class TableLimits
{
    public const int MaxTransactionEntities = 100;
    public const int MaxTransactionBytes = 4 * 1024 * 1024;
    public const int MaxEntityBytes = 1024 * 1024;
    public const int MaxProperties = 252;
    public const int MaxStringChars = 32 * 1024;
    public const int MaxKeyChars = 512;

    /// <summary>Throws <see cref="TableLimitException"/> when the entity would be refused by Azure.</summary>
    public static void CheckEntity(ITableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        if (entity.PartitionKey.Length > MaxKeyChars || entity.RowKey.Length > MaxKeyChars)
        {
            throw new TableLimitException($"A key is longer than {MaxKeyChars} characters.");
        }
        if (entity is not TableEntity table)
        {
            return;
        }
        var properties = table.Keys.Count(k => k is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag"));
        if (properties > MaxProperties)
        {
            throw new TableLimitException($"The entity has {properties} properties; the limit is {MaxProperties}.");
        }
        foreach (var (name, value) in table)
        {
            if (value is string text && text.Length > MaxStringChars)
            {
                throw new TableLimitException($"Property '{name}' is {text.Length} characters; the limit is {MaxStringChars}.");
            }
        }
        if (EstimateBytes(table) > MaxEntityBytes)
        {
            throw new TableLimitException($"The entity is larger than {MaxEntityBytes} bytes.");
        }
    }

    /// <summary>Splits actions into transactions that Azure accepts: one partition each, ≤ 100 entities, ≤ 4 MiB.</summary>
    public static IEnumerable<IReadOnlyList<TableTransactionAction>> Transactions(IEnumerable<TableTransactionAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        foreach (var partition in actions.GroupBy(a => a.Entity.PartitionKey, StringComparer.Ordinal))
        {
            var batch = new List<TableTransactionAction>(MaxTransactionEntities);
            long bytes = 0;
            foreach (var action in partition)
            {
                CheckEntity(action.Entity);
                var size = action.Entity is TableEntity t ? EstimateBytes(t) : 1024;
                if (batch.Count == MaxTransactionEntities || bytes + size > MaxTransactionBytes)
                {
                    yield return batch;
                    batch = new List<TableTransactionAction>(MaxTransactionEntities);
                    bytes = 0;
                }
                batch.Add(action);
                bytes += size;
            }
            if (batch.Count > 0)
            {
                yield return batch;
            }
        }
    }

    /// <summary>The documented entity size formula: 4 + keys + for each property 8 + name + value.</summary>
    public static long EstimateBytes(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        long bytes = 4 + (entity.PartitionKey.Length + entity.RowKey.Length) * 2;
        foreach (var (name, value) in entity)
        {
            if (name is "PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")
            {
                continue;
            }
            bytes += 8 + name.Length * 2 + value switch
            {
                string s => 4 + s.Length * 2,
                byte[] b => 4 + b.Length,
                bool => 1,
                int => 4,
                null => 0,
                _ => 8,
            };
        }
        return bytes;
    }
}

public sealed class TableLimitException(string message) : Exception(message);
