using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace GlueTeams.Core.Records;

/// <summary>
/// Makes any id safe as a part of a storage key (and of a record id). Keys forbid / \ # ? and control characters and
/// are at most 1 KiB; Graph ids contain / + =. Plain ids pass unchanged (readable in Storage Explorer); anything else
/// becomes "~" + a SHA-256 hash, so the mapping stays one-to-one. The original id is always kept beside it.
/// </summary>
public static class KeySafe
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

    private static bool IsPlain(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.';
}
