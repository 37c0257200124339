using GlueTeams.App.Extensions;
using GlueTeams.Core.Weeks;
using GlueTeams.Graph;
using GlueTeams.Graph.Files;
using GlueTeams.Storage.Activities;
using GlueTeams.Storage.Evidence;
using GlueTeams.Storage.Leases;
using GlueTeams.Storage.Users;
using GlueTeams.App.Tenants;
using GlueTeams.Storage.Tenants;

namespace GlueTeams.App.Evidence;

/// <summary>How a refresh went: links asked about, answered with counts, refused for lack of permission.</summary>
public sealed record ReachRefreshCounts(int Links, int Known, int Denied);

/// <summary>
/// Refreshes artifact reach (<see cref="ItemAnalyticsReader"/>) for the SharePoint and OneDrive links on the confirmed
/// records of every user of every tenant this deployment reads (self-hosted: Graph:TenantId; multi-tenant: every
/// consented tenant, each with its own token), over the last <see cref="Weeks"/> weeks. When a tenant's Graph
/// refuses (403: the permission is not granted) the refresh says so once in the log, stops asking that tenant, and stores the
/// links as denied, so that the packet says so once; everything else in GlueTeams works as before. Erased users are
/// skipped, and a write that raced an erasure is undone.
/// </summary>
public sealed partial class ArtifactReachRefresh(TenantAccess tenants, TenantRegistry registry, GraphOptions graph, UserStore users, ActivityStore activities,
    ArtifactReachStore reach, ErasureTombstones tombstones, TimeProvider time, ILogger<ArtifactReachRefresh> logger)
{
    public const int Weeks = 52;

    public async Task<ReachRefreshCounts> RunAsync(CancellationToken cancellationToken = default)
    {
        var tenantIds = tenants.IsMultiTenant
            ? (await registry.ListAsync(cancellationToken)).Select(t => t.TenantId).ToList()
            : graph.TenantId is { Length: > 0 } home ? [home] : [];
        var total = new ReachRefreshCounts(0, 0, 0);
        foreach (var tenantId in tenantIds)
        {
            if (await tenants.GraphAsync(tenantId, cancellationToken) is { Analytics: var analytics })
            {
                var counts = await RunAsync(tenantId, analytics, cancellationToken);
                total = new ReachRefreshCounts(total.Links + counts.Links, total.Known + counts.Known, total.Denied + counts.Denied);
            }
        }
        return total;
    }

    private async Task<ReachRefreshCounts> RunAsync(string tenantId, ItemAnalyticsReader analytics, CancellationToken cancellationToken)
    {
        var (links, known, denied) = (0, 0, false);
        var deniedCount = 0;
        await foreach (var user in users.ListAsync(tenantId, cancellationToken))
        {
            if (!user.Installed || await tombstones.IsErasedAsync(tenantId, user.UserId, cancellationToken))
            {
                continue;
            }
            var to = IsoWeek.Containing(time.GetUtcNow(), user.TimeZone);
            var records = await activities.ListAsync(tenantId, user.UserId, to.AddWeeks(1 - Weeks), to, cancellationToken);
            var userLinks = records.Select(r => r.Record.Confirmation?.ArtifactLink).OfType<Uri>().Where(ItemAnalyticsReader.IsDriveLink)
                .DistinctBy(l => l.AbsoluteUri, StringComparer.Ordinal).ToList();
            foreach (var link in userLinks)
            {
                links++;
                var answer = denied ? new ItemAnalytics.Denied() : await analytics.ReadAsync(link, cancellationToken);
                if (answer is ItemAnalytics.Denied && !denied)
                {
                    denied = true;
                    LogDenied(logger);
                }
                var (status, views, viewers) = answer switch
                {
                    ItemAnalytics.Known k => (ReachStatus.Known, k.Views, k.Viewers),
                    ItemAnalytics.Denied => (ReachStatus.Denied, 0, 0),
                    _ => (ReachStatus.NotFound, 0, 0),
                };
                known += status == ReachStatus.Known ? 1 : 0;
                deniedCount += status == ReachStatus.Denied ? 1 : 0;
                await reach.PutAsync(new ArtifactReach(tenantId, user.UserId, link, status, views, viewers, time.GetUtcNow()), cancellationToken);
            }
            if (userLinks.Count > 0 && await tombstones.IsErasedAsync(tenantId, user.UserId, cancellationToken))
            {
                await reach.DeleteAllAsync(tenantId, user.UserId, cancellationToken);
            }
        }
        LogRefreshed(logger, links, known, deniedCount);
        return new ReachRefreshCounts(links, known, deniedCount);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Graph refused item analytics (403): the application permission Files.ReadWrite.All is not granted, so artifact views are not available; see docs/DEPLOY.md. Nothing else is affected.")]
    private static partial void LogDenied(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Artifact reach refreshed: {Links} links, {Known} with views, {Denied} refused.")]
    private static partial void LogRefreshed(ILogger logger, int links, int known, int denied);
}

/// <summary>Runs <see cref="ArtifactReachRefresh"/> once a week, on one instance at a time (<see cref="LeasedJob"/>).</summary>
public sealed class ArtifactReachJob(ArtifactReachRefresh refresh, JobLease leases, TimeProvider time, ILogger<ArtifactReachJob> logger)
    : LeasedJob(leases, time, logger, LeaseName, TimeSpan.FromDays(7))
{
    public const string LeaseName = "artifact-reach";

    protected override Task RunAsync(CancellationToken cancellationToken) => refresh.RunAsync(cancellationToken);
}
