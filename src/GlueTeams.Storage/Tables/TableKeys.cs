using GlueTeams.Core.Records;

namespace GlueTeams.Storage.Tables;

/// <summary>Table keys and filter literals; ids are made key-safe by Core's <see cref="KeySafe"/> (the record id uses it too).</summary>
public static class TableKeys
{
    public static string Encode(string id) => KeySafe.Encode(id);

    /// <summary>The partition of one user of one tenant.</summary>
    public static string UserPartition(string tenantId, string userId) => $"{Encode(tenantId)}|{Encode(userId)}";

    /// <summary>OData string literal for a filter: single quotes doubled.</summary>
    public static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
