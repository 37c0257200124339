using GlueTeams.App.Extensions;
using GlueTeams.App.Tenants;
using GlueTeams.Core.Weeks;
using GlueTeams.Graph;
using GlueTeams.Graph.Files;
using GlueTeams.Storage.Activities;
using GlueTeams.Storage.Evidence;
using GlueTeams.Storage.Leases;
using GlueTeams.Storage.Tenants;
using GlueTeams.Storage.Users;

namespace GlueTeams.App.Evidence;

/// <summary>How a refresh went: links asked about, answered with counts, refused for lack of permission.</summary>
public sealed record ReachRefreshCounts(int Links, int Known, int Denied);

/// <summary>
/// Refreshes artifact reach (<see cref="ItemAnalyticsReader"/>) for the SharePoint and OneDrive links on the confirmed
/// records of every user of every tenant this deployment serves, over the last <see cref="Weeks"/> weeks, each tenant
/// read with its own Graph (<see cref="TenantAccess.GraphAsync"/>): self-hosted, the one tenant of Graph:TenantId;
/// multi-tenant, every tenant whose admin consented and that is not being offboarded. When a tenant's Graph refuses
/// (403: the permission is not granted there) the refresh says so once in the log, stops asking that tenant's Graph, and
/// stores its links as denied, so that the packet says so once; other tenants and everything else in GlueTeams work as
/// before. A tenant whose Graph fails otherwise is skipped until the next run. Erased users are skipped, and a write
/// that raced an erasure is undone.
/// </summary>
public sealed partial class ArtifactReachRefresh(TenantAccess tenants, TenantRegistry registry, GraphOptions graph, UserStore users, ActivityStore activities,
    ArtifactReachStore reach, ErasureTombstones tombstones, TimeProvider time, ILogger<ArtifactReachRefresh> logger)
{
    public const int Weeks = 52;

    public async Task<ReachRefreshCounts> RunAsync(CancellationToken cancellationToken = default)
    {
        var total = new ReachRefreshCounts(0, 0, 0);
        foreach (var tenantId in await TenantsAsync(cancellationToken))
        {
            if (await tenants.GraphAsync(tenantId, cancellationToken) is not { } tenantGraph)
            {
                continue;
            }
            try
            {
                var counts = await RefreshAsync(tenantId, tenantGraph.Analytics, cancellationToken);
                total = new ReachRefreshCounts(total.Links + counts.Links, total.Known + counts.Known, total.Denied + counts.Denied);
            }
            catch (Exception e) when (IsGraphFailure(e) || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                LogTenantFailed(logger, e.GetType().Name);
            }
        }
        LogRefreshed(logger, total.Links, total.Known, total.Denied);
        return total;
    }

    /// <summary>
    /// Graph unreachable, failing past its retries (the SDK then throws every attempt's error in an AggregateException),
    /// or no token for the tenant: that tenant is read next time.
    /// </summary>
    private static bool IsGraphFailure(Exception e) => e switch
    {
        HttpRequestException or Microsoft.Kiota.Abstractions.ApiException or Azure.Identity.AuthenticationFailedException or Microsoft.Identity.Client.MsalException => true,
        AggregateException { InnerExceptions.Count: > 0 } all => all.InnerExceptions.All(IsGraphFailure),
        _ => false,
    };

    /// <summary>The tenants whose artifacts are read: the one self-hosted tenant, or every consented one.</summary>
    private async Task<IReadOnlyList<string>> TenantsAsync(CancellationToken cancellationToken) =>
        tenants.IsMultiTenant
            ? [.. (await registry.ListAsync(cancellationToken)).Where(r => r.Status == TenantStatus.Active).Select(r => r.TenantId)]
            : graph.TenantId is { Length: > 0 } tenantId ? [tenantId] : [];

    private async Task<ReachRefreshCounts> RefreshAsync(string tenantId, ItemAnalyticsReader analytics, CancellationToken cancellationToken)
    {
        var (links, known, denied, deniedCount) = (0, 0, false, 0);
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
        return new ReachRefreshCounts(links, known, deniedCount);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading an organisation's artifact views failed ({Exception}); its views are read again next week. Nothing else is affected.")]
    private static partial void LogTenantFailed(ILogger logger, string exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Graph refused item analytics (403) for one organisation: the application permission Files.ReadWrite.All is not granted, so artifact views are not available; see docs/DEPLOY.md. Nothing else is affected.")]
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
