using Azure.Data.Tables;

namespace GlueTeams.Storage.Tables;

/// <summary>Deletes a whole partition in transactions of at most 100.</summary>
internal static class PartitionEraser
{
    public static async Task<int> DeleteAsync(TableClient table, string partitionKey, CancellationToken cancellationToken)
    {
        var keys = new List<TableEntity>();
        await foreach (var entity in table.QueryAsync<TableEntity>(
            $"PartitionKey eq {TableKeys.Literal(partitionKey)}", select: ["RowKey"], cancellationToken: cancellationToken))
        {
            keys.Add(new TableEntity(partitionKey, entity.RowKey));
        }
        var actions = keys.Select(k => new TableTransactionAction(TableTransactionActionType.Delete, k));
        foreach (var batch in TableLimits.Transactions(actions))
        {
            await table.SubmitTransactionAsync(batch, cancellationToken);
        }
        return keys.Count;
    }
}
