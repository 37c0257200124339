using GlueTeams.App.Auth;
using GlueTeams.App.Team;
using GlueTeams.Core.Weeks;
using GlueTeams.Storage.Users;
using GlueTeams.Core.Users;

namespace GlueTeams.App.Users;

/// <summary>
/// "This week" is the user's own week: the ISO week of now in the zone of their profile, or, for someone without a
/// profile (an add-in user, a report who never installed), of their mailbox settings in the directory, else UTC.
/// </summary>
public sealed class LocalWeeks(UserStore users, DirectoryLookups directory, DirectReports reports, TimeProvider time)
{
    public async Task<TimeZoneInfo> ZoneAsync(string tenantId, string userId, CancellationToken cancellationToken = default) =>
        ZoneOf(await users.GetAsync(tenantId, userId, cancellationToken))
        ?? await directory.TimeZoneAsync(tenantId, userId, cancellationToken)
        ?? TimeZoneInfo.Utc;

    public async Task<IsoWeek> CurrentAsync(string tenantId, string userId, CancellationToken cancellationToken = default) =>
        IsoWeek.Containing(time.GetUtcNow(), await ZoneAsync(tenantId, userId, cancellationToken));

    /// <summary>
    /// The week a manager's team review ends with: the latest week that has begun for the manager or for any of their
    /// direct reports. From Sunday 23:00 UTC a report in Berlin is in their Monday, and what they share of it is shown.
    /// </summary>
    public async Task<IsoWeek> TeamAsync(Caller manager, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manager);
        var people = await reports.ListAsync(manager.TenantId, manager.UserId, cancellationToken);
        var weeks = await Task.WhenAll(people.Select(p => p.Id).Append(manager.UserId)
            .Select(id => CurrentAsync(manager.TenantId, id, cancellationToken)));
        return weeks.Max();
    }

    /// <summary>The latest week that has begun for the manager or for <paramref name="reportId"/>, if they are the manager's report.</summary>
    public async Task<IsoWeek> MemberAsync(Caller manager, string reportId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manager);
        var own = await CurrentAsync(manager.TenantId, manager.UserId, cancellationToken);
        // Nothing is read about someone who is not the manager's report, not even their time zone.
        if (await reports.FindAsync(manager.TenantId, manager.UserId, reportId, cancellationToken) is not { } report)
        {
            return own;
        }
        var theirs = await CurrentAsync(manager.TenantId, report.Id, cancellationToken);
        return theirs > own ? theirs : own;
    }

    private static TimeZoneInfo? ZoneOf(UserProfile? profile) => profile?.TimeZone;
}
