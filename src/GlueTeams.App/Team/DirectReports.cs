using GlueTeams.App.Tenants;
using GlueTeams.Graph.Directory;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Graph.Models.ODataErrors;

namespace GlueTeams.App.Team;

/// <summary>
/// Whom a manager may see: their direct reports as Graph says, cached briefly so that a review session does not ask
/// Graph on every click. Read with the manager's own tenant's Graph; a tenant this deployment does not read has no
/// reports here.
/// </summary>
public sealed class DirectReports(TenantAccess tenants, IMemoryCache cache)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(5);

    public async Task<IReadOnlyList<DirectoryPerson>> ListAsync(string tenantId, string managerId, CancellationToken cancellationToken = default)
    {
        if (await tenants.GraphAsync(tenantId, cancellationToken) is not { Directory: var directory })
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
