using GlueTeams.Core.Records;
using GlueTeams.Core.Weeks;

namespace GlueTeams.Testing;

/// <summary>Activity records as a user leaves them after confirming weekly cards: for API tests and benchmarks.</summary>
public static class SimulatedRecords
{
    /// <summary>A one-hour meeting on the Monday of <paramref name="week"/> at 09:00 UTC plus <paramref name="slot"/> hours.</summary>
    public static ActivityRecord Meeting(string tenantId, string userId, IsoWeek week, int slot, string title = "Team meeting")
    {
        var start = new DateTimeOffset(week.Monday.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero).AddHours(slot);
        return new ActivityRecord
        {
            TenantId = tenantId,
            UserId = userId,
            EventKey = $"evt-{week}-{slot}",
            Week = week,
            Start = start,
            End = start.AddHours(1),
            Title = title,
            Suggestion = new Suggestion("mentoring", 0.8, "1:1 with a junior engineer"),
        };
    }

    public static ActivityRecord Confirmed(this ActivityRecord record, string categoryId, bool shared, Impact impact = Impact.OneOff, Uri? artifact = null, string? outcome = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record with
        {
            Status = ActivityStatus.Confirmed,
            Confirmation = new Confirmation(categoryId, impact, artifact, artifact is null ? null : "Artifact of " + record.Title, outcome, false, shared, record.End),
        };
    }

    /// <summary>
    /// Every week of from..to: <paramref name="perWeek"/> meetings, of which the first <paramref name="gluePerWeek"/>
    /// are confirmed glue work shared with the manager (alternating mentoring and design review, every other one a
    /// multiplier with an artifact) and the rest confirmed as not glue.
    /// </summary>
    public static List<ActivityRecord> Weeks(string tenantId, string userId, IsoWeek from, IsoWeek to, int perWeek = 8, int gluePerWeek = 3)
    {
        var records = new List<ActivityRecord>();
        for (var week = from; week <= to; week = week.Next)
        {
            for (var slot = 0; slot < perWeek; slot++)
            {
                var meeting = Meeting(tenantId, userId, week, slot, slot < gluePerWeek ? $"Mentoring session {slot}" : $"Feature sync {slot}");
                records.Add(slot < gluePerWeek
                    ? meeting.Confirmed(slot % 2 == 0 ? "mentoring" : "design-review", shared: true,
                        slot % 2 == 0 ? Impact.Multiplier : Impact.OneOff,
                        slot % 2 == 0 ? new Uri($"https://docs.example.com/guides/{slot}") : null,
                        slot % 2 == 0 ? "Faster onboarding" : null)
                    : meeting.Confirmed("not-glue", shared: true));
            }
        }
        return records;
    }
}
