using GlueTeams.Core.Categories;
using GlueTeams.Core.Records;
using GlueTeams.Core.Weeks;

namespace GlueTeams.Core.Summaries;

/// <summary>An artifact a piece of glue work produced, with the outcome it served.</summary>
public sealed record ArtifactEntry(Uri Link, string? Title, string CategoryId, string? OutcomeNote, DateTimeOffset Start);

/// <summary>
/// Glue work over a span of time, in minutes of the clock: a minute in two overlapping meetings counts once.
/// <see cref="MeetingMinutes"/> is the time in meetings with someone else (<see cref="TimeInMeetings.IsMeeting"/>);
/// <see cref="GlueMinutes"/> the time in confirmed glue work, meeting or not; <see cref="GlueMeetingMinutes"/> the
/// part of the meeting time that was glue work. Where confirmed glue records overlap, each minute is split evenly
/// between them, so that the categories, the multiplier and the delegated minutes add up to the glue minutes.
/// </summary>
public sealed record GlueSummary(
    int MeetingMinutes,
    int GlueMinutes,
    IReadOnlyDictionary<string, int> MinutesByCategory,
    int MultiplierMinutes,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)] int DelegatedMinutes,
    int ConfirmedCount,
    int UnconfirmedCount,
    IReadOnlyList<ArtifactEntry> Artifacts,
    int GlueMeetingMinutes = 0)
{
    public static GlueSummary Empty { get; } = new(0, 0, new Dictionary<string, int>(), 0, 0, 0, 0, []);

    /// <summary>Of the time in meetings, the share that was glue work; 0 when there were no meetings.</summary>
    public double ShareOfMeetingTime => Ratio(GlueMeetingMinutes, MeetingMinutes);

    /// <summary>Of the glue minutes, the share marked multiplier.</summary>
    public double MultiplierShare => Ratio(MultiplierMinutes, GlueMinutes);

    /// <summary>Of the glue minutes, the share that was someone else's work handed over (private: 0 and left out of JSON in a manager's view).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public double DelegatedShare => Ratio(DelegatedMinutes, GlueMinutes);

    public double GlueHours => GlueMinutes / 60.0;

    public static GlueSummary Of(IEnumerable<ActivityRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var list = records.ToList();
        int confirmed = 0, unconfirmed = 0;
        var artifacts = new List<ArtifactEntry>();
        foreach (var record in list)
        {
            if (record.Status != ActivityStatus.Confirmed || record.Confirmation is not { } confirmation)
            {
                unconfirmed++;
                continue;
            }
            confirmed++;
            if (confirmation.CategoryId != GlueCategories.NotGlueId && confirmation.ArtifactLink is { } link)
            {
                artifacts.Add(new ArtifactEntry(link, confirmation.ArtifactTitle, confirmation.CategoryId, confirmation.OutcomeNote, record.Start));
            }
        }
        var time = TimeInMeetings.Of(list);
        return new GlueSummary(Round(time.Meeting), Round(time.Glue), time.ByCategory.ToDictionary(p => p.Key, p => Round(p.Value), StringComparer.Ordinal),
            Round(time.Multiplier), Round(time.Delegated), confirmed, unconfirmed, artifacts, Round(time.GlueInMeetings));
    }

    private static int Round(double minutes) => (int)Math.Round(minutes, MidpointRounding.AwayFromZero);

    private static double Ratio(int part, int whole) => whole == 0 ? 0 : (double)part / whole;
}

/// <summary>
/// Minutes of the clock, overlaps merged: one sweep over the records' start and end instants (absolute instants, so a
/// meeting across a daylight-saving change counts the time that really passed). Pure.
/// </summary>
public sealed record TimeInMeetings(double Meeting, double Glue, double GlueInMeetings, IReadOnlyDictionary<string, double> ByCategory, double Multiplier, double Delegated)
{
    /// <summary>
    /// Time with someone else: a meeting the user was invited to, or one they organised with at least one attendee
    /// (rooms aside). A block on one's own calendar (focus time, a private appointment, a reminder) is not meeting time.
    /// Cancelled, declined, all-day and "free" items never become records (<see cref="Ingestion.CalendarIngestion"/>).
    /// </summary>
    public static bool IsMeeting(ActivityRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return !record.IsLogged && (!record.IsOrganizer || record.AttendeeCount > 0);
    }

    /// <summary>Confirmed as glue work (any category but "not glue").</summary>
    public static bool IsGlue(ActivityRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record is { Status: ActivityStatus.Confirmed, Confirmation.CategoryId: var id } && id != GlueCategories.NotGlueId;
    }

    /// <summary>
    /// Calendar records are swept as minutes of the clock. Logged work (<see cref="ActivityRecord.IsLogged"/>: "log 2h
    /// …", the tab's Add work, a message action) is time spent, not a slot in the calendar: its minutes are added as
    /// they are, glue time but never meeting time, and never merged with a meeting or another log that its stand-in
    /// start and end happen to overlap.
    /// </summary>
    public static TimeInMeetings Of(IReadOnlyList<ActivityRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var swept = Sweep(records.Where(r => !r.IsLogged).ToList());
        var byCategory = new Dictionary<string, double>(swept.ByCategory, StringComparer.Ordinal);
        double glue = swept.Glue, multiplier = swept.Multiplier, delegated = swept.Delegated;
        foreach (var record in records.Where(r => r.IsLogged && IsGlue(r)))
        {
            var confirmation = record.Confirmation!;
            glue += record.Minutes;
            byCategory[confirmation.CategoryId] = byCategory.GetValueOrDefault(confirmation.CategoryId) + record.Minutes;
            multiplier += confirmation.Impact == Impact.Multiplier ? record.Minutes : 0;
            delegated += confirmation.Delegated ? record.Minutes : 0;
        }
        return swept with { Glue = glue, ByCategory = byCategory, Multiplier = multiplier, Delegated = delegated };
    }

    private static TimeInMeetings Sweep(IReadOnlyList<ActivityRecord> records)
    {
        var edges = records.Where(r => r.End > r.Start)
            .SelectMany(r => new[] { (At: r.Start, Opens: true, Record: r), (At: r.End, Opens: false, Record: r) })
            .OrderBy(e => e.At)
            .ToList();
        double meeting = 0, glue = 0, glueInMeetings = 0, multiplier = 0, delegated = 0;
        var byCategory = new Dictionary<string, double>(StringComparer.Ordinal);
        var open = new List<ActivityRecord>();
        for (var i = 0; i < edges.Count; i++)
        {
            if (edges[i].Opens)
            {
                open.Add(edges[i].Record);
            }
            else
            {
                open.Remove(edges[i].Record);
            }
            if (i + 1 == edges.Count || edges[i + 1].At == edges[i].At || open.Count == 0)
            {
                continue;
            }
            var minutes = (edges[i + 1].At - edges[i].At).TotalMinutes;
            var inMeeting = open.Any(IsMeeting);
            meeting += inMeeting ? minutes : 0;
            var glueOpen = open.Where(IsGlue).ToList();
            if (glueOpen.Count == 0)
            {
                continue;
            }
            glue += minutes;
            glueInMeetings += glueOpen.Any(IsMeeting) ? minutes : 0;
            var each = minutes / glueOpen.Count;
            foreach (var record in glueOpen)
            {
                var confirmation = record.Confirmation!;
                byCategory[confirmation.CategoryId] = byCategory.GetValueOrDefault(confirmation.CategoryId) + each;
                multiplier += confirmation.Impact == Impact.Multiplier ? each : 0;
                delegated += confirmation.Delegated ? each : 0;
            }
        }
        return new TimeInMeetings(meeting, glue, glueInMeetings, byCategory, multiplier, delegated);
    }
}

/// <summary>One week's summary inside a period.</summary>
public sealed record WeekSummary(IsoWeek Week, GlueSummary Summary);

/// <summary>A run of consecutive weeks: each week on its own (empty weeks included) and the whole.</summary>
public sealed record PeriodSummary(IsoWeek From, IsoWeek To, IReadOnlyList<WeekSummary> Weeks, GlueSummary Total)
{
    public static PeriodSummary Of(IsoWeek from, IsoWeek to, IEnumerable<ActivityRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (to < from)
        {
            throw new ArgumentException($"The period ends ({to}) before it starts ({from}).", nameof(to));
        }
        var inPeriod = records.Where(r => r.Week >= from && r.Week <= to).ToList();
        var byWeek = inPeriod.ToLookup(r => r.Week);
        var weeks = new List<WeekSummary>();
        for (var week = from; week <= to; week = week.Next)
        {
            weeks.Add(new WeekSummary(week, GlueSummary.Of(byWeek[week])));
        }
        return new PeriodSummary(from, to, weeks, GlueSummary.Of(inPeriod));
    }
}
