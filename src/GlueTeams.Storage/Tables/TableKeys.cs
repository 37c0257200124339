using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace GlueTeams.Storage.Tables;

/// <summary>
/// Makes any id safe as a PartitionKey or RowKey part. Table keys forbid / \ # ? and control characters and are
/// at most 1 KiB; Graph ids contain / + =. Plain ids pass unchanged (readable in Storage Explorer); anything else
/// becomes "~" + a SHA-256 hash, so the mapping stays one-to-one. The original id is always stored as a property.
/// </summary>
public static class TableKeys
{
    private const int MaxPlainLength = 200;

    public static string Encode(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (id.Length is > 0 and <= MaxPlainLength && id[0] != '~' && id.All(IsPlain))
        {
            return id;
        }
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(id), hash);
        return "~" + Base64Url.EncodeToString(hash);
    }

    /// <summary>The partition of one user of one tenant.</summary>
    public static string UserPartition(string tenantId, string userId) => $"{Encode(tenantId)}|{Encode(userId)}";

    /// <summary>OData string literal for a filter: single quotes doubled.</summary>
    public static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static bool IsPlain(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.';
}
