using GlueTeams.Core.Evidence;
using GlueTeams.Core.Records;
using GlueTeams.Core.Weeks;

namespace GlueTeams.Core.Tests.Evidence;

/// <summary>Nudges on crafted histories: they fire, they do not, and a dismissed one stays dismissed.</summary>
[TestClass]
public sealed class NudgesTests
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 15, 0, 0, TimeSpan.FromHours(1)); // Fri 27 Nov 2026, week 48
    private static readonly HashSet<string> None = [];
    private static int s_next;

    /// <summary>A confirmed glue session <paramref name="daysAgo"/> days before now, with the given people.</summary>
    private static ActivityRecord Session(int daysAgo, string category = "onboarding", string title = "Welcome chat", Impact impact = Impact.OneOff,
        bool delegated = false, int minutes = 60, string? series = null, params string[] people)
    {
        var start = Now.AddDays(-daysAgo).AddHours(-3);
        return new ActivityRecord
        {
            TenantId = "t", UserId = "u", EventKey = "e" + Interlocked.Increment(ref s_next), SeriesId = series,
            Week = IsoWeek.Containing(start, Zone), Start = start, End = start.AddMinutes(minutes), Title = title,
            People = people.Length == 0 ? ["newbie@contoso.example"] : people, Status = ActivityStatus.Confirmed,
            Confirmation = new Confirmation(category, impact, null, null, null, delegated, false, start),
        };
    }

    [TestMethod]
    public void Third_one_off_session_with_the_same_colleague_fires()
    {
        var nudges = Nudges.For([Session(30, title: "Welcome"), Session(16, title: "Git setup"), Session(2, title: "Deploys")], Now, Zone, None);

        Assert.HasCount(1, nudges);
        Assert.AreEqual(NudgeKind.Repetition, nudges[0].Kind);
        Assert.AreEqual("3rd onboarding session with the same colleague: would a guide help?", nudges[0].Text);
    }

    [TestMethod]
    public void Third_one_off_session_on_the_same_topic_with_different_people_fires()
    {
        var nudges = Nudges.For(
            [Session(20, "incident", "Postmortem: login outage #1", people: "a@c"), Session(10, "incident", "postmortem - login outage 2", people: "b@c"),
             Session(3, "incident", "Postmortem: Login outage (3)", people: "c@c")], Now, Zone, None);

        Assert.AreEqual("3rd incident review on “Postmortem: Login outage (3)”: would a runbook help?", nudges.Single().Text);
    }

    [TestMethod]
    public void It_does_not_fire_for_two_sessions_a_multiplier_one_a_series_old_sessions_big_meetings_or_private_items()
    {
        string[] crowd = ["a@c", "b@c", "c@c"];
        var histories = new Dictionary<string, ActivityRecord[]>
        {
            ["two"] = [Session(10, title: "A"), Session(3, title: "B")],
            ["one multiplier"] = [Session(20, title: "A"), Session(10, title: "B", impact: Impact.Multiplier), Session(3, title: "C")],
            ["a recurring series"] = [Session(20, title: "Buddy 1:1", series: "s"), Session(13, title: "Buddy 1:1", series: "s"), Session(6, title: "Buddy 1:1", series: "s")],
            ["older than six weeks"] = [Session(50, title: "A"), Session(10, title: "B"), Session(3, title: "C")],
            ["big meetings"] = [Session(20, title: "A", people: crowd), Session(10, title: "B", people: crowd), Session(3, title: "C", people: crowd)],
            ["different categories"] = [Session(20, "mentoring", "A"), Session(10, "onboarding", "B"), Session(3, "hiring", "C")],
            ["private items"] = [.. new[] { Session(20, title: "A"), Session(10, title: "B"), Session(3, title: "C") }.Select(r => r with { IsRedacted = true, People = [] })],
        };
        foreach (var (name, records) in histories)
        {
            Assert.IsEmpty(Nudges.For(records, Now, Zone, None), name);
        }
    }

    [TestMethod]
    public void A_dismissed_nudge_stays_dismissed_as_sessions_go_on()
    {
        var history = new List<ActivityRecord> { Session(30, title: "A"), Session(16, title: "B"), Session(2, title: "C") };
        var key = Nudges.For(history, Now, Zone, None).Single().Key;
        var dismissed = new HashSet<string> { key };

        Assert.IsEmpty(Nudges.For(history, Now, Zone, dismissed));
        history.Add(Session(1, title: "D"));
        Assert.IsEmpty(Nudges.For(history, Now, Zone, dismissed), "a 4th session is the same situation, still dismissed");
        // Another colleague is another situation.
        var other = new[] { Session(20, title: "E", people: "other@c"), Session(9, title: "F", people: "other@c"), Session(1, title: "G", people: "other@c") };
        Assert.AreEqual("3rd onboarding session with the same colleague: would a guide help?", Nudges.For([.. history, .. other], Now, Zone, dismissed).Single().Text);
    }

    [TestMethod]
    public void Delegated_work_above_the_threshold_this_month_fires_once_a_month()
    {
        ActivityRecord Delegated(int daysAgo, int minutes, string title) => Session(daysAgo, "coordination", title, delegated: true, minutes: minutes, people: title + "@c");
        var november = new[] { Delegated(20, 120, "Release notes"), Delegated(12, 90, "Vendor call"), Delegated(5, 60, "Cover the on-call sync") };

        var nudge = Nudges.For(november, Now, Zone, None).Single();
        Assert.AreEqual(NudgeKind.Delegated, nudge.Kind);
        Assert.AreEqual("4.5 h of work was delegated to you this month: worth saying no to some?", nudge.Text);
        Assert.AreEqual("delegated:2026-11", nudge.Key);

        Assert.IsEmpty(Nudges.For([Delegated(12, 90, "A"), Delegated(5, 60, "B")], Now, Zone, None), "2.5 h is under the 3 h threshold");
        Assert.IsEmpty(Nudges.For([Delegated(40, 240, "October")], Now, Zone, None), "last month's delegation is not this month's");
        Assert.IsEmpty(Nudges.For(november, Now, Zone, new HashSet<string> { "delegated:2026-11" }), "dismissed for the month");
        var december = Now.AddDays(10);
        Assert.AreEqual("delegated:2026-12", Nudges.For([.. november, Session(-8, "coordination", "Dec", delegated: true, minutes: 200, people: "dec@c")], december, Zone,
            new HashSet<string> { "delegated:2026-11" }).Single().Key, "a new month asks again");
    }
}
