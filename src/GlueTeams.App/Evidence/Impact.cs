using GlueTeams.App.Users;
using GlueTeams.Core.Evidence;
using GlueTeams.Core.Records;
using GlueTeams.Core.Summaries;
using GlueTeams.Core.Weeks;

namespace GlueTeams.App.Evidence;

/// <summary>One theme's measures as the tab shows them, with the sentence the packet uses ("onboarded 4 people in 6 sessions").</summary>
public sealed record CategoryImpactView(string CategoryId, int Sessions, int Weeks, int People, int Teams, string Summary);

/// <summary>
/// "Measure your impact" for a period: the weeks that have records (and their first and last day), people reached and
/// their teams, and per theme how often and for how many. The engineer's own: no team route returns it.
/// </summary>
public sealed record ImpactView(IsoWeek From, IsoWeek To, int WeeksWithRecords, DateOnly? FirstDay, DateOnly? LastDay, int People, int Teams,
    IReadOnlyList<CategoryImpactView> Categories)
{
    public static ImpactView Of(IsoWeek from, IsoWeek to, IReadOnlyList<ActivityRecord> records, PeopleReach reach)
    {
        ArgumentNullException.ThrowIfNull(reach);
        var withData = PeriodSummary.Of(from, to, records).Weeks.Where(w => w.Summary.ConfirmedCount > 0).Select(w => w.Week).ToList();
        return new ImpactView(from, to, withData.Count, withData.Count > 0 ? withData[0].Monday : null, withData.Count > 0 ? withData[^1].Monday.AddDays(6) : null,
            reach.People, reach.Teams, [.. reach.ByCategory.Select(c => new CategoryImpactView(c.CategoryId, c.Sessions, c.Weeks, c.People, c.Teams, ReachPhrases.Of(c)))]);
    }
}

public static class Reach
{
    /// <summary>People reached in <paramref name="records"/>, their teams as far as the directory says in time (<see cref="DirectoryLookups.TeamsAsync"/>).</summary>
    public static async Task<PeopleReach> ReachAsync(this DirectoryLookups directory, string tenantId, IReadOnlyList<ActivityRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(directory);
        return PeopleReach.Of(records, await directory.TeamsAsync(tenantId, PeopleReach.Addresses(records), cancellationToken));
    }
}
