using GlueTeams.Core.Records;

namespace GlueTeams.Storage.Tables;

/// <summary>Table keys (filters are built by TableClient.CreateQueryFilter, which quotes values); ids are made key-safe by Core's <see cref="KeySafe"/> (the record id uses it too).</summary>
public static class TableKeys
{
    public static string Encode(string id) => KeySafe.Encode(id);

    /// <summary>The partition of one user of one tenant.</summary>
    public static string UserPartition(string tenantId, string userId) => $"{Encode(tenantId)}|{Encode(userId)}";
}
