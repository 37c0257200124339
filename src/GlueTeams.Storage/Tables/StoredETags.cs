using System.Text.RegularExpressions;
using Azure;

namespace GlueTeams.Storage.Tables;

/// <summary>
/// An If-Match a client sends back must be an ETag Table Storage issued (W/"datetime'…'"): anything else is refused
/// before it reaches the store, and so is "*", which would overwrite whatever is stored.
/// </summary>
public static partial class StoredETags
{
    private const int MaxLength = 100;

    /// <summary>
    /// True with the ETag (null when none was sent), or false with the reason. <paramref name="text"/> is the If-Match
    /// value (or the etag a body carries).
    /// </summary>
    public static bool TryParseIfMatch(string? text, out ETag? etag, out string error)
    {
        etag = null;
        error = "";
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }
        if (text.Trim() == "*")
        {
            error = "If-Match: * is not accepted: send the ETag of the version you edited, so that a newer change is not overwritten.";
            return false;
        }
        if (text.Length > MaxLength || !Issued().IsMatch(text))
        {
            error = "If-Match must be the ETag GlueTeams gave with the record, such as W/\"datetime'2026-11-30T09%3A12%3A00.0000000Z'\".";
            return false;
        }
        etag = new ETag(text);
        return true;
    }

    [GeneratedRegex("""^W/"datetime'[0-9A-Za-z%.:+-]{1,60}'"$""")]
    private static partial Regex Issued();
}
