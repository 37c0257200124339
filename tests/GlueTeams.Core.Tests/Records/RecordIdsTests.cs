using GlueTeams.Core.Records;
using GlueTeams.Core.Weeks;

namespace GlueTeams.Core.Tests.Records;

[TestClass]
public sealed class RecordIdsTests
{
    private static readonly IsoWeek Week = IsoWeek.Parse("2026-W47");

    [TestMethod]
    [DataRow("040000008200E00074C5B7101A82E008")]
    [DataRow("AAMkAGI2T/+hostile#key?with\\everything")]
    [DataRow("a key with spaces and ünïcode")]
    public void An_id_built_here_is_read_back_here_with_its_week(string eventKey)
    {
        var id = RecordIds.Of(Week, eventKey);

        Assert.IsTrue(RecordIds.TryParse(id, out var week), id);
        Assert.AreEqual(Week, week);
        Assert.StartsWith(RecordIds.Prefix(Week), id);
    }

    [TestMethod]
    public void The_id_of_a_record_is_the_id_of_its_week_and_event_key()
    {
        var start = Week.Bounds(TimeZoneInfo.Utc).Start;
        var record = new ActivityRecord { TenantId = "t", UserId = "u", EventKey = "k/1", Week = Week, Start = start, End = start.AddHours(1), Title = "1:1" };
        Assert.AreEqual(RecordIds.Of(Week, "k/1"), RecordIds.Of(record));
    }

    [TestMethod]
    [DataRow(null)]
    [DataRow("")]
    [DataRow("2026-W47")]
    [DataRow("2026-W47|")]
    [DataRow("|abc")]
    [DataRow("2026-W99|abc")]
    [DataRow("not-a-week|abc")]
    [DataRow("2026-W47|a/b")]
    [DataRow("2026-W47|a#b")]
    [DataRow("2026-W47|a\u0001b")]
    public void A_forged_or_malformed_id_is_refused(string? id) =>
        Assert.IsFalse(RecordIds.TryParse(id, out _), id ?? "null");

    [TestMethod]
    public void An_oversized_id_is_refused() =>
        Assert.IsFalse(RecordIds.TryParse("2026-W47|" + new string('a', 400), out _));
}
