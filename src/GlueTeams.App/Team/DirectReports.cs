using GlueTeams.Graph;
using GlueTeams.Graph.Directory;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Graph.Models.ODataErrors;

namespace GlueTeams.App.Team;

/// <summary>
/// Whom a manager may see: their direct reports as Graph says, cached briefly so that a review session does not ask
/// Graph on every click. Only for the tenant our Graph credential reads; any other tenant has no reports here.
/// </summary>
public sealed class DirectReports(DirectoryReader? directory, GraphOptions? graph, IMemoryCache cache)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(5);

    public async Task<IReadOnlyList<DirectoryPerson>> ListAsync(string tenantId, string managerId, CancellationToken cancellationToken = default)
    {
        if (directory is null || graph?.TenantId is not { Length: > 0 } graphTenant || !string.Equals(graphTenant, tenantId, StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }
        var reports = await cache.GetOrCreateAsync(("direct-reports", tenantId, managerId), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            try
            {
                return await directory.GetDirectReportsAsync(managerId, cancellationToken);
            }
            catch (ODataError e) when (e.ResponseStatusCode == 404)
            {
                return (IReadOnlyList<DirectoryPerson>)[];
            }
        });
        return reports ?? [];
    }

    /// <summary>The report, if <paramref name="reportId"/> is a direct report of the manager; null otherwise.</summary>
    public async Task<DirectoryPerson?> FindAsync(string tenantId, string managerId, string reportId, CancellationToken cancellationToken = default) =>
        (await ListAsync(tenantId, managerId, cancellationToken)).FirstOrDefault(p => string.Equals(p.Id, reportId, StringComparison.OrdinalIgnoreCase));
}
