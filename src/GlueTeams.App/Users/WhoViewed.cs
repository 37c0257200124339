using System.Globalization;
using GlueTeams.App.Auth;
using GlueTeams.App.Team;
using GlueTeams.Storage.Audit;
using GlueTeams.Storage.Users;

namespace GlueTeams.App.Users;

/// <summary>
/// One line of "Who viewed my data": one viewer, one kind of read, one day in the user's time zone, how many times.
/// <see cref="Viewer"/> is a name from the directory, or "your manager" / "someone in your organisation": never an id.
/// </summary>
public sealed record ViewedDay(DateOnly Date, string Viewer, string What, int Times, DateTimeOffset Last, string Text);

/// <summary>
/// "Who viewed my data", in words: the audit log of the user's partition grouped per viewer, kind of read and local day
/// ("Ada Lovelace viewed your summary in Team review 3 times on Mon 30 Nov"), newest first.
/// </summary>
public sealed class WhoViewed(AuditLog audit, UserStore users, DirectoryLookups directory, LocalWeeks weeks, TimeProvider time)
{
    /// <summary>Audit entries read for one answer: a manager opening the tab daily for a year stays well inside it.</summary>
    public const int MaxEntries = 1000;

    public async Task<IReadOnlyList<ViewedDay>> ForAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var entries = await audit.ListAsync(caller.TenantId, caller.UserId, MaxEntries, cancellationToken);
        var zone = await weeks.ZoneAsync(caller.TenantId, caller.UserId, cancellationToken);
        var names = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var actor in entries.Select(e => e.ActorUserId).Distinct(StringComparer.Ordinal))
        {
            names[actor] = actor == caller.UserId ? "You" : await NameAsync(caller.TenantId, actor, cancellationToken);
        }
        return Group(entries, zone, names, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime).Year);
    }

    /// <summary>
    /// The lines, newest first. <paramref name="names"/> maps an actor to their name, or to null when the directory does
    /// not know it: the line then says "your manager" for a manager's read (only a manager's read is ever logged under
    /// a report) and "someone in your organisation" otherwise.
    /// </summary>
    public static IReadOnlyList<ViewedDay> Group(IEnumerable<AuditEntry> entries, TimeZoneInfo zone, IReadOnlyDictionary<string, string?> names, int currentYear)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(names);
        return entries
            .GroupBy(e => (Date: DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(e.At, zone).DateTime), e.ActorUserId, e.Action))
            .Select(g =>
            {
                var viewer = names.GetValueOrDefault(g.Key.ActorUserId) ?? (g.Key.Action.StartsWith("manager-", StringComparison.Ordinal) ? "your manager" : "someone in your organisation");
                var what = Words(g.Key.Action);
                var times = g.Count();
                var day = g.Key.Date.ToString(g.Key.Date.Year == currentYear ? "ddd d MMM" : "ddd d MMM yyyy", CultureInfo.InvariantCulture);
                var text = $"{viewer} {what} {(times == 1 ? "once" : times == 2 ? "twice" : $"{times} times")} on {day}";
                return new ViewedDay(g.Key.Date, viewer, what, times, g.Max(e => e.At), char.ToUpperInvariant(text[0]) + text[1..]);
            })
            .OrderByDescending(d => d.Last)
            .ToList();
    }

    /// <summary>What a read was, in words; an action this version does not know is "looked at your data", never its code.</summary>
    public static string Words(string action) => action switch
    {
        ManagerReads.TeamSummary => "viewed your summary in Team review",
        ManagerReads.MemberSummary => "opened your glue work in detail",
        ManagerReads.TeamExport => "downloaded your summary in the team's CSV",
        ManagerReads.MemberRecords => "looked at the records you shared",
        Evidence.Acknowledgements.AuditAction => "acknowledged your work",
        _ => "looked at your data",
    };

    private async Task<string?> NameAsync(string tenantId, string actorId, CancellationToken cancellationToken) =>
        await directory.DisplayNameAsync(tenantId, actorId, cancellationToken)
        ?? ((await users.GetAsync(tenantId, actorId, cancellationToken))?.DisplayName is { Length: > 0 } stored ? stored : null);
}
