using GlueTeams.Core.Ingestion;
using GlueTeams.Core.Records;
using GlueTeams.Core.Suggestions;
using GlueTeams.Core.Weeks;

namespace GlueTeams.Core.Tests.Ingestion;

[TestClass]
public sealed class CalendarIngestionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);
    private static readonly CalendarOwner Owner = new("tenant", "user", TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo"), SharingDefault: true);
    private static readonly SuggestionContext Context = SuggestionContext.Cold("ada@contoso.example", "grace@contoso.example");

    private static CalendarEvent Event(string subject = "Design review: payments API", Func<CalendarEvent, CalendarEvent>? change = null)
    {
        var e = new CalendarEvent
        {
            Id = "AAMkAGI2/id=",
            ICalUId = "040000008200E00074C5B7101A82E008000000001",
            Subject = subject,
            Start = new DateTimeOffset(2026, 11, 17, 10, 0, 0, TimeSpan.Zero),
            End = new DateTimeOffset(2026, 11, 17, 11, 0, 0, TimeSpan.Zero),
            OrganizerEmail = "bob@contoso.example",
            Attendees =
            [
                new Attendee("ada@contoso.example", AttendeeType.Required),
                new Attendee("bob@contoso.example", AttendeeType.Required),
                new Attendee("carol@contoso.example", AttendeeType.Optional),
                new Attendee("room-4@contoso.example", AttendeeType.Resource),
            ],
            ResponseStatus = "accepted",
            ShowAs = "busy",
        };
        return change is null ? e : change(e);
    }

    [TestMethod]
    public void ToRecord_OrdinaryMeeting_KeepsFactsAndSuggests()
    {
        var record = CalendarIngestion.ToRecord(Event(), Owner, Context, Now)!;
        Assert.AreEqual("040000008200E00074C5B7101A82E008000000001", record.EventKey);
        Assert.AreEqual("Design review: payments API", record.Title);
        Assert.AreEqual(3, record.AttendeeCount, "rooms are not people");
        Assert.AreEqual(60, record.Minutes);
        Assert.AreEqual(ActivityStatus.Suggested, record.Status);
        Assert.AreEqual("design-review", record.Suggestion!.CategoryId);
        Assert.AreEqual(ActivitySource.Graph, record.Source);
    }

    [TestMethod]
    public void ToRecord_WeekIsTheOwnersLocalWeek()
    {
        // Sunday 22 Nov 2026 20:00 UTC is Monday 05:00 in Tokyo: the next ISO week there.
        var sundayEvening = Event(change: e => e with { Start = new DateTimeOffset(2026, 11, 22, 20, 0, 0, TimeSpan.Zero), End = new DateTimeOffset(2026, 11, 22, 21, 0, 0, TimeSpan.Zero) });
        Assert.AreEqual(new IsoWeek(2026, 48), CalendarIngestion.ToRecord(sundayEvening, Owner, Context, Now)!.Week);
        Assert.AreEqual(new IsoWeek(2026, 47), CalendarIngestion.ToRecord(sundayEvening, Owner with { Zone = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles") }, Context, Now)!.Week);
    }

    [TestMethod]
    public void ToRecord_NoICalUId_FallsBackToTheEventId() =>
        Assert.AreEqual("AAMkAGI2/id=", CalendarIngestion.ToRecord(Event(change: e => e with { ICalUId = null }), Owner, Context, Now)!.EventKey);

    [TestMethod]
    [DataRow("cancelled", SkipReason.Cancelled)]
    [DataRow("declined", SkipReason.Declined)]
    [DataRow("allday", SkipReason.AllDay)]
    [DataRow("free", SkipReason.ShownAsFree)]
    [DataRow("master", SkipReason.SeriesMaster)]
    public void ToRecord_EventsThatDoNotCount_AreSkipped(string kind, SkipReason reason)
    {
        var e = Event(change: kind switch
        {
            "cancelled" => e => e with { IsCancelled = true },
            "declined" => e => e with { ResponseStatus = "declined" },
            "allday" => e => e with { IsAllDay = true },
            "free" => e => e with { ShowAs = "free" },
            _ => e => e with { Type = EventType.SeriesMaster },
        });
        Assert.AreEqual(reason, CalendarIngestion.WhySkipped(e));
        Assert.IsNull(CalendarIngestion.ToRecord(e, Owner, Context, Now));
    }

    [TestMethod]
    [DataRow(Sensitivity.Private)]
    [DataRow(Sensitivity.Confidential)]
    public void ToRecord_PrivateItem_StoresNeitherSubjectNorAttendees(Sensitivity sensitivity)
    {
        var secret = Event("Oncology appointment with Dr. Smith — mentoring", e => e with { Sensitivity = sensitivity });
        var record = CalendarIngestion.ToRecord(secret, Owner, Context, Now)!;
        Assert.AreEqual(ActivityRecord.RedactedTitle, record.Title);
        Assert.IsTrue(record.IsRedacted);
        Assert.AreEqual(0, record.AttendeeCount);
        Assert.AreEqual("not-glue", record.Suggestion!.CategoryId);
        Assert.DoesNotContain("Oncology", record.Suggestion.Reason);
        Assert.DoesNotContain("Smith", record.ToString());
    }

    [TestMethod]
    public void ToRecord_PrivateItemTaggedInOutlook_CountsAsTagged()
    {
        var tagged = Event("Coffee with a new hire", e => e with { Sensitivity = Sensitivity.Private, Categories = ["Glue: Onboarding"] });
        var record = CalendarIngestion.ToRecord(tagged, Owner, Context, Now)!;
        Assert.AreEqual(ActivityRecord.RedactedTitle, record.Title);
        Assert.AreEqual("onboarding", record.Confirmation!.CategoryId);
    }

    [TestMethod]
    public void ToRecord_GlueOutlookCategory_ArrivesConfirmed_SharedOnlyIfTheUserChoseTo()
    {
        var tagged = Event("Weekly sync", e => e with { Categories = ["Blue category", "Glue: Mentoring"] });
        var record = CalendarIngestion.ToRecord(tagged, Owner, Context, Now)!;
        Assert.AreEqual(ActivityStatus.Confirmed, record.Status);
        Assert.AreEqual(ActivitySource.OutlookCategory, record.Source);
        Assert.AreEqual("mentoring", record.Confirmation!.CategoryId);
        Assert.IsTrue(record.Confirmation.SharedWithManager);
        var notAnswered = CalendarIngestion.ToRecord(tagged, Owner with { SharingDefault = null }, Context, Now)!;
        Assert.IsFalse(notAnswered.Confirmation!.SharedWithManager, "nothing is shared until the user answers");
    }

    [TestMethod]
    public void ToRecord_HugeSubject_IsBounded() =>
        Assert.IsLessThanOrEqualTo(200, CalendarIngestion.ToRecord(Event(new string('x', 100_000)), Owner, Context, Now)!.Title.Length);
}
