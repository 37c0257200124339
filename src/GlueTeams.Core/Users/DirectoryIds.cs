using System.Text.RegularExpressions;

namespace GlueTeams.Core.Users;

/// <summary>
/// The one rule for tenant and user ids from any surface (tab token, bot activity): directory ids are GUIDs (the Teams
/// test tools use GUID-like ids with longer groups). Nothing else is accepted, so no id can name a key GlueTeams keeps
/// for itself (such as the tenant-level audit subject "~tenant").
/// </summary>
public static partial class DirectoryIds
{
    public static bool IsSafe(string? id) => id is not null && SafeId().IsMatch(id);

    [GeneratedRegex("^[A-Za-z0-9-]{1,64}$")]
    private static partial Regex SafeId();
}
