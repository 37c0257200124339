using GlueTeams.Core.Records;
using GlueTeams.Core.Summaries;
using GlueTeams.Core.Weeks;

namespace GlueTeams.Core.Sharing;

/// <summary>
/// The one sharing rule: a manager sees a record if and only if the engineer confirmed it AND shared it. Nothing
/// else of a report's records reaches a manager: no meeting time, no count, no suggestion.
/// </summary>
public static class SharingRule
{
    public static bool IsVisibleToManager(ActivityRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record is { Status: ActivityStatus.Confirmed, Confirmation.SharedWithManager: true };
    }

    public static IReadOnlyList<ActivityRecord> VisibleToManager(IEnumerable<ActivityRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        return records.Where(IsVisibleToManager).ToList();
    }
}

/// <summary>
/// What a manager may see of one report over a period. A report with no record visible under
/// <see cref="SharingRule"/> is "not sharing": <see cref="Period"/> is null, so that no zero can pass for data.
/// Delegated work is the engineer's private matter even in a shared record: the flag is taken off before summing, so
/// no delegated minute or share reaches a manager (and the JSON leaves the zero fields out).
/// </summary>
public sealed record ManagerView(bool IsSharing, PeriodSummary? Period)
{
    public static ManagerView NotSharing { get; } = new(false, null);

    public static ManagerView Of(IsoWeek from, IsoWeek to, IEnumerable<ActivityRecord> records)
    {
        var visible = SharingRule.VisibleToManager(records).Where(r => r.Week >= from && r.Week <= to)
            .Select(r => r with { Confirmation = r.Confirmation! with { Delegated = false }, People = [] })
            .ToList();
        return visible.Count == 0 ? NotSharing : new ManagerView(true, PeriodSummary.Of(from, to, visible));
    }
}
