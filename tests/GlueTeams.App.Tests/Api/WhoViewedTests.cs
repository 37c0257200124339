using GlueTeams.App.Team;
using GlueTeams.App.Users;
using GlueTeams.Storage.Audit;

namespace GlueTeams.App.Tests.Api;

/// <summary>"Who viewed my data" in words: grouped per viewer, kind of read and the user's own day; never an id or a code.</summary>
[TestClass]
public sealed class WhoViewedTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private static AuditEntry Read(string actor, string action, DateTimeOffset at) => new("t", "me", actor, action, "2026-W37..2026-W48", at);

    [TestMethod]
    public void Views_AreGroupedPerDay_InTheUsersZone()
    {
        // 23:30 UTC on Sunday is already Monday in Berlin.
        var entries = new[]
        {
            Read("ada", ManagerReads.TeamSummary, new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero)),
            Read("ada", ManagerReads.TeamSummary, new DateTimeOffset(2026, 11, 30, 0, 30, 0, TimeSpan.Zero)),
            Read("ada", ManagerReads.TeamSummary, new DateTimeOffset(2026, 11, 29, 23, 30, 0, TimeSpan.Zero)),
            Read("ada", ManagerReads.MemberSummary, new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero)),
        };
        var names = new Dictionary<string, string?> { ["ada"] = "Ada Lovelace" };

        var berlin = WhoViewed.Group(entries, Berlin, names, 2026);
        Assert.HasCount(2, berlin);
        Assert.AreEqual("Ada Lovelace viewed your summary in Team review 3 times on Mon 30 Nov", berlin[0].Text);
        Assert.AreEqual("Ada Lovelace opened your glue work in detail once on Sun 29 Nov", berlin[1].Text);

        var utc = WhoViewed.Group(entries, TimeZoneInfo.Utc, names, 2026);
        Assert.AreEqual("Ada Lovelace viewed your summary in Team review twice on Mon 30 Nov", utc[0].Text);
        Assert.AreEqual("Ada Lovelace viewed your summary in Team review once on Sun 29 Nov", utc[1].Text);
    }

    [TestMethod]
    public void AViewerTheDirectoryDoesNotName_IsYourManager_OrSomeone_NeverAnId()
    {
        var at = new DateTimeOffset(2025, 3, 3, 12, 0, 0, TimeSpan.Zero);
        var lines = WhoViewed.Group(
            [Read("0b6e5c1a-unknown", ManagerReads.TeamExport, at), Read("f00d-unknown", "something-new", at.AddDays(1))],
            TimeZoneInfo.Utc, new Dictionary<string, string?> { ["0b6e5c1a-unknown"] = null }, 2026);
        Assert.AreEqual("Someone in your organisation looked at your data once on Tue 4 Mar 2025", lines[0].Text, "another year says its year");
        Assert.AreEqual("Your manager downloaded your summary in the team's CSV once on Mon 3 Mar 2025", lines[1].Text);
        Assert.IsFalse(lines.Any(l => l.Text.Contains("unknown", StringComparison.Ordinal) || l.Viewer.Contains("unknown", StringComparison.Ordinal)));
    }
}
