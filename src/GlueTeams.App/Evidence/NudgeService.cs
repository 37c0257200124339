using GlueTeams.Core.Evidence;
using GlueTeams.Storage.Activities;
using GlueTeams.Storage.Evidence;
using GlueTeams.Storage.Users;

namespace GlueTeams.App.Evidence;

/// <summary>
/// The engineer's nudges (<see cref="Nudges"/>) from their own records of the last six weeks, less the ones they
/// dismissed. Private to the engineer: read for the tab's "My glue work" and their own weekly card, never on a team route.
/// </summary>
public sealed class NudgeService(ActivityStore activities, NudgeDismissals dismissals, ErasureTombstones tombstones, TimeProvider time)
{
    public async Task<IReadOnlyList<Nudge>> ForAsync(string tenantId, string userId, TimeZoneInfo zone, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var (from, to) = Nudges.Window(Core.Weeks.IsoWeek.Containing(now, zone));
        var records = await activities.ListAsync(tenantId, userId, from, to, cancellationToken);
        var dismissed = await dismissals.ListAsync(tenantId, userId, cancellationToken);
        return Nudges.For(records.Select(r => r.Record), now, zone, dismissed);
    }

    /// <summary>
    /// Dismisses one of the user's current nudges; false (nothing written) for a key that is not one of them (forged,
    /// already dismissed or gone) or for an erased user. A dismissal that raced the user's erasure is undone.
    /// </summary>
    public async Task<bool> DismissAsync(string tenantId, string userId, TimeZoneInfo zone, string key, CancellationToken cancellationToken = default)
    {
        if (await tombstones.IsErasedAsync(tenantId, userId, cancellationToken)
            || !(await ForAsync(tenantId, userId, zone, cancellationToken)).Any(n => string.Equals(n.Key, key, StringComparison.Ordinal)))
        {
            return false;
        }
        await dismissals.DismissAsync(tenantId, userId, key, cancellationToken);
        if (await tombstones.IsErasedAsync(tenantId, userId, cancellationToken))
        {
            await dismissals.DeleteAllAsync(tenantId, userId, cancellationToken);
            return false;
        }
        return true;
    }
}
