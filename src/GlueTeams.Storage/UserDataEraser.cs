using System.Globalization;
using GlueTeams.Storage.Activities;
using GlueTeams.Storage.Audit;
using GlueTeams.Storage.Claims;
using GlueTeams.Storage.Sync;
using GlueTeams.Storage.Users;

namespace GlueTeams.Storage;

/// <summary>How much of one user's data an erasure removed, per table.</summary>
public sealed record ErasureCounts(int Records, int SyncStates, int AuditEntries, int Claims, bool Profile)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Records} records, {SyncStates} sync states, {AuditEntries} audit entries, {Claims} delivery claims, profile {(Profile ? "deleted" : "absent")}");
}

/// <summary>"Delete my data": everything of one user, in every table, and a tenant-wide note that it happened.</summary>
public sealed class UserDataEraser(ActivityStore activities, SyncStateStore syncStates, AuditLog audit, ClaimStore claims, UserStore users)
{
    public async Task<ErasureCounts> EraseAsync(string tenantId, string userId, CancellationToken cancellationToken = default)
    {
        var counts = new ErasureCounts(
            await activities.DeleteAllAsync(tenantId, userId, cancellationToken),
            await syncStates.DeleteAllAsync(tenantId, userId, cancellationToken),
            await audit.DeleteSubjectAsync(tenantId, userId, cancellationToken),
            await claims.DeleteAllAsync(tenantId, userId, cancellationToken),
            await users.DeleteAsync(tenantId, userId, cancellationToken));
        await audit.AppendAsync(tenantId, AuditLog.TenantSubject, userId, "user-data-erased", counts.ToString(), cancellationToken);
        return counts;
    }
}
