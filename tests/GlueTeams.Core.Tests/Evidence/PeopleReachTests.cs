using GlueTeams.Core.Evidence;
using GlueTeams.Core.Ingestion;
using GlueTeams.Core.Records;
using GlueTeams.Core.Suggestions;
using GlueTeams.Core.Weeks;

namespace GlueTeams.Core.Tests.Evidence;

[TestClass]
public sealed class PeopleReachTests
{
    private static readonly CalendarOwner Owner = new("tenant", "user", TimeZoneInfo.Utc, SharingDefault: true);
    private static readonly SuggestionContext Context = SuggestionContext.Cold("ada@contoso.example");
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    private static CalendarEvent Event(string subject, params string[] attendees) => new()
    {
        Id = "id-" + subject,
        ICalUId = "uid-" + subject,
        Subject = subject,
        Start = new DateTimeOffset(2026, 11, 17, 10, 0, 0, TimeSpan.Zero),
        End = new DateTimeOffset(2026, 11, 17, 11, 0, 0, TimeSpan.Zero),
        OrganizerEmail = "Ada@contoso.example",
        IsOrganizer = true,
        Attendees = [.. attendees.Select(a => new Attendee(a, a.StartsWith("room", StringComparison.Ordinal) ? AttendeeType.Resource : AttendeeType.Required))],
    };

    [TestMethod]
    public void A_glue_meeting_keeps_the_other_people_in_lower_case_without_rooms_or_the_user()
    {
        var record = CalendarIngestion.ToRecord(Event("Onboarding: welcome Bob", "ada@contoso.example", "Bob@Contoso.example", "room-4@contoso.example", "carol@contoso.example"), Owner, Context, Now)!;
        CollectionAssert.AreEquivalent(new[] { "bob@contoso.example", "carol@contoso.example" }, record.People.ToArray());
    }

    [TestMethod]
    public void Private_items_not_glue_and_broadcasts_keep_no_addresses()
    {
        var confidential = Event("Onboarding: welcome Bob", "bob@contoso.example") with { Sensitivity = Sensitivity.Confidential };
        Assert.IsEmpty(CalendarIngestion.ToRecord(confidential, Owner, Context, Now)!.People, "a private item's attendees are never kept");
        var feature = CalendarIngestion.ToRecord(Event("Feature work: payments", "bob@contoso.example", "carol@contoso.example", "dan@contoso.example"), Owner, Context, Now)!;
        Assert.AreEqual("not-glue", feature.Suggestion!.CategoryId);
        Assert.IsEmpty(feature.People, "not glue: nobody reached");
        var allHands = Event("Tech talk: observability", [.. Enumerable.Range(0, ActivityRecord.MaxPeople + 1).Select(i => $"p{i}@contoso.example")]);
        Assert.IsEmpty(CalendarIngestion.ToRecord(allHands, Owner, Context, Now)!.People, "a broadcast is not people reached one by one");
    }

    [TestMethod]
    public void Sessions_count_private_glue_too_but_people_come_only_from_items_that_are_not_private()
    {
        var week = new IsoWeek(2026, 47);
        ActivityRecord Glue(string key, string category, bool redacted, params string[] people) => new()
        {
            TenantId = "t", UserId = "u", EventKey = key, Week = week, Start = Now, End = Now.AddHours(1), Title = key, IsRedacted = redacted,
            People = people, Status = ActivityStatus.Confirmed,
            Confirmation = new Confirmation(category, Impact.OneOff, null, null, null, false, false, Now),
        };
        var records = new[]
        {
            Glue("a", "hiring", false, "x@c", "y@c"),
            Glue("b", "hiring", false, "y@c", "z@c"),
            Glue("c", "hiring", true, "secret@c"), // cannot happen after ingestion; even so it must not count
            Glue("d", "onboarding", false, "new@c"),
            Glue("e", "not-glue", false, "feature@c"),
        };
        var teams = new Dictionary<string, string> { ["x@c"] = "manager:1", ["y@c"] = "manager:1", ["z@c"] = "manager:2", ["new@c"] = "manager:3" };

        var reach = PeopleReach.Of(records, teams);

        Assert.AreEqual(4, reach.People);
        Assert.AreEqual(3, reach.Teams);
        Assert.AreEqual(new CategoryReach("onboarding", 1, 1, 1, 1), reach.For("onboarding"));
        Assert.AreEqual(new CategoryReach("hiring", 3, 1, 3, 2), reach.For("hiring"));
        Assert.IsNull(reach.For("not-glue"));
        Assert.AreEqual("3 interviews with 3 people from 2 teams", ReachPhrases.Of(reach.For("hiring")!));
        Assert.AreEqual("onboarded 1 person in 1 session", ReachPhrases.Of(reach.For("onboarding")!));
        Assert.AreEqual("9 design reviews", ReachPhrases.Of(new CategoryReach("design-review", 9, 4, 0, 0)));
    }

    [TestMethod]
    public void The_default_ladder_is_valid_and_cites_its_sources()
    {
        var ladder = CareerLadder.Default;
        CollectionAssert.AreEqual(new[] { "senior", "staff" }, ladder.Levels.Select(l => l.Id).ToArray());
        Assert.AreEqual("staff", ladder.Level(null)!.Id);
        Assert.IsTrue(ladder.Sources.Any(s => s.Url.Contains("staffeng.com", StringComparison.Ordinal)));
        Assert.IsTrue(ladder.Levels.All(l => ladder.Competencies.All(c => l.Expectations.ContainsKey(c.Id))), "every level says what it expects of every competency");
    }

    [TestMethod]
    public void A_company_ladder_with_unknown_categories_or_levels_is_refused_with_reasons()
    {
        const string json = """
            { "id": "acme", "name": "Acme", "about": "", "sources": [],
              "competencies": [ { "id": "x", "name": "X", "categories": ["knitting"], "why": "" } ],
              "levels": [ { "id": "l1", "name": "L1", "expectations": {} } ], "defaultLevel": "l9" }
            """;
        Assert.IsNull(CareerLadder.Parse(json, out var problems));
        Assert.IsTrue(problems.Any(p => p.Contains("'knitting'", StringComparison.Ordinal)), string.Join("; ", problems));
        Assert.IsTrue(problems.Any(p => p.Contains("'l9'", StringComparison.Ordinal)), string.Join("; ", problems));
        Assert.IsNull(CareerLadder.Parse("{ not json", out var broken));
        StringAssert.Contains(broken[0], "JSON");
    }
}
