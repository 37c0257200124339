using Azure.Data.Tables;

namespace GlueTeams.Storage.Tables;

/// <summary>Deletes in transactions of at most 100 rows, one partition each.</summary>
internal static class TableDeletes
{
    /// <summary>Deletes a whole partition; returns how many rows it had.</summary>
    public static async Task<int> DeletePartitionAsync(TableClient table, string partitionKey, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        await foreach (var entity in table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}"), select: ["RowKey"], cancellationToken: cancellationToken))
        {
            rows.Add(new TableEntity(partitionKey, entity.RowKey));
        }
        await DeleteRowsAsync(table, rows, cancellationToken);
        return rows.Count;
    }

    public static async Task DeleteRowsAsync(TableClient table, IEnumerable<TableEntity> rows, CancellationToken cancellationToken)
    {
        foreach (var batch in TableLimits.Transactions(rows.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r))))
        {
            await table.SubmitTransactionAsync(batch, cancellationToken);
        }
    }
}
