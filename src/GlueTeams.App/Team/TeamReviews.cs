using GlueTeams.App.Auth;
using GlueTeams.Core.Sharing;
using GlueTeams.Core.Summaries;
using GlueTeams.Core.Weeks;
using GlueTeams.Graph.Directory;
using GlueTeams.Storage.Activities;
using GlueTeams.Storage.Audit;
using GlueTeams.Storage.Users;

namespace GlueTeams.App.Team;

/// <summary>
/// How a report appears to their manager: "sharing" with a period; otherwise nothing but the name and one of two words,
/// "not-sharing" (they installed GlueTeams and share nothing in the period) or "not-installed" (no GlueTeams profile, or
/// they uninstalled it). The difference comes from the profile alone, never from their records, and carries no number.
/// </summary>
public static class SharingStatus
{
    public const string Sharing = "sharing";
    public const string NotSharing = "not-sharing";
    public const string NotInstalled = "not-installed";
}

/// <summary>What a manager's read is called in the report's audit log ("Who viewed my data" puts it in words).</summary>
public static class ManagerReads
{
    public const string TeamSummary = "manager-viewed-team-summary";
    public const string MemberSummary = "manager-viewed-member-summary";
    public const string TeamExport = "manager-exported-team-summary";
    public const string MemberRecords = "manager-viewed-member-records";
}

/// <summary>
/// One record a report shared, as their manager may see it to acknowledge it: when, how long, the category, the impact,
/// the artifact and outcome. Never the meeting's title, its people, or whether it was delegated.
/// </summary>
public sealed record SharedRecordView(string Id, IsoWeek Week, DateTimeOffset Start, int Minutes, string CategoryId, string Impact,
    string? ArtifactTitle, Uri? ArtifactLink, string? Outcome);

/// <summary>
/// What a manager may see of one report: only confirmed records the report shared (<see cref="SharingRule"/>).
/// <see cref="Period"/> is null when the report shares nothing in the period: the manager then sees the name only.
/// </summary>
public sealed record MemberReview(string UserId, string DisplayName, string Sharing, PeriodSummary? Period);

/// <summary>
/// The team: every direct report (name and sharing status at least), and the shares, signals and category mix of those
/// who share.
/// </summary>
public sealed record TeamReview(IsoWeek From, IsoWeek To, IReadOnlyList<MemberReview> Members, IReadOnlyList<MemberShare> Shares, IReadOnlyList<TeamSignal> Signals, TeamMix Mix);

/// <summary>
/// Manager reads. Every report is checked against Graph's direct reports first, only shared confirmed records are
/// summarised, and every read is written to the report's audit log before anything is returned.
/// </summary>
public sealed class TeamReviews(DirectReports reports, ActivityStore activities, UserStore users, AuditLog audit)
{
    /// <summary>The whole team, or null when Graph lists no direct reports for the caller. <paramref name="action"/> names the read in each report's audit log.</summary>
    public async Task<TeamReview?> TeamAsync(Caller manager, IsoWeek from, IsoWeek to, string action = ManagerReads.TeamSummary, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manager);
        var people = await reports.ListAsync(manager.TenantId, manager.UserId, cancellationToken);
        if (people.Count == 0)
        {
            return null;
        }
        var members = await Task.WhenAll(people.Select(p => ReadAsync(manager, p, action, from, to, cancellationToken)));
        // Shares and signals come from sharing members only: a person who shares nothing is in no number at all.
        var periods = members.Where(m => m.Period is not null).Select(m => new MemberPeriod(m.UserId, m.Period!)).ToList();
        return new TeamReview(from, to, members, TeamSignals.Shares(periods), TeamSignals.Detect(periods), TeamMix.Of(from, to, periods));
    }

    /// <summary>One report, or null when <paramref name="reportId"/> is not the caller's direct report.</summary>
    public async Task<MemberReview?> MemberAsync(Caller manager, string reportId, IsoWeek from, IsoWeek to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manager);
        var person = await reports.FindAsync(manager.TenantId, manager.UserId, reportId, cancellationToken);
        return person is null ? null : await ReadAsync(manager, person, ManagerReads.MemberSummary, from, to, cancellationToken);
    }

    /// <summary>
    /// The records a report shared in the period (confirmed AND shared), for the manager to pick one to acknowledge; null
    /// when <paramref name="reportId"/> is not the caller's direct report. Audited like every manager read.
    /// </summary>
    public async Task<IReadOnlyList<SharedRecordView>?> SharedRecordsAsync(Caller manager, string reportId, IsoWeek from, IsoWeek to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manager);
        if (await reports.FindAsync(manager.TenantId, manager.UserId, reportId, cancellationToken) is null)
        {
            return null;
        }
        await audit.AppendAsync(manager.TenantId, reportId, manager.UserId, ManagerReads.MemberRecords, $"{from}..{to}", cancellationToken);
        var stored = await activities.ListAsync(manager.TenantId, reportId, from, to, cancellationToken);
        return [.. stored.Where(r => SharingRule.IsVisibleToManager(r.Record)).Select(r => r.Record.Confirmation is { } c
            ? new SharedRecordView(r.Id, r.Record.Week, r.Record.Start, r.Record.Minutes, c.CategoryId, Api.ImpactText.Of(c.Impact), c.ArtifactTitle, c.ArtifactLink, c.OutcomeNote)
            : null).OfType<SharedRecordView>()];
    }

    private async Task<MemberReview> ReadAsync(Caller manager, DirectoryPerson person, string action, IsoWeek from, IsoWeek to, CancellationToken cancellationToken)
    {
        // The three requests go out together; nothing is returned unless the audit entry was written.
        var audited = audit.AppendAsync(manager.TenantId, person.Id, manager.UserId, action, $"{from}..{to}", cancellationToken);
        var reading = users.GetAsync(manager.TenantId, person.Id, cancellationToken);
        var listing = activities.ListAsync(manager.TenantId, person.Id, from, to, cancellationToken);
        await Task.WhenAll(audited, reading, listing);
        var (profile, stored) = (await reading, await listing);
        var view = ManagerView.Of(from, to, stored.Select(s => s.Record));
        return new MemberReview(person.Id, person.DisplayName ?? profile?.DisplayName ?? person.Id,
            view.IsSharing ? SharingStatus.Sharing : profile is { Installed: true } ? SharingStatus.NotSharing : SharingStatus.NotInstalled, view.Period);
    }
}
