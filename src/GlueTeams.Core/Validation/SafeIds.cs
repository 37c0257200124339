using System.Text.RegularExpressions;

namespace GlueTeams.Core.Validation;

/// <summary>
/// The one check every tenant and user id passes before it names a partition, from the tab API's token and from a bot
/// activity alike. Directory ids are GUIDs; the Teams test tools use GUID-like ids with longer groups. Nothing else is
/// accepted, so no id can name a reserved key (GlueTeams' own start with "#").
/// </summary>
public static partial class SafeIds
{
    public static bool IsSafe(string? id) => id is not null && SafeId().IsMatch(id);

    [GeneratedRegex("^[A-Za-z0-9-]{1,64}$")]
    private static partial Regex SafeId();
}
