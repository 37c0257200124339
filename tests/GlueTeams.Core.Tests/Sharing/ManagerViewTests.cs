using GlueTeams.Core.Records;
using GlueTeams.Core.Sharing;
using GlueTeams.Core.Weeks;

namespace GlueTeams.Core.Tests.Sharing;

[TestClass]
public sealed class ManagerViewTests
{
    private static readonly IsoWeek Week = new(2026, 47);

    private static ActivityRecord Record(string key, ActivityStatus status, bool? shared) => new()
    {
        TenantId = "t", UserId = "u", EventKey = key, Week = Week, Title = key,
        Start = new DateTimeOffset(2026, 11, 16, 9, 0, 0, TimeSpan.Zero), End = new DateTimeOffset(2026, 11, 16, 10, 0, 0, TimeSpan.Zero),
        Status = status,
        Confirmation = shared is { } s ? new Confirmation("mentoring", Impact.OneOff, null, null, null, false, s, default) : null,
    };

    [TestMethod]
    public void TheManagerSeesARecord_IfAndOnlyIfConfirmedAndShared()
    {
        Assert.IsTrue(SharingRule.IsVisibleToManager(Record("a", ActivityStatus.Confirmed, true)));
        Assert.IsFalse(SharingRule.IsVisibleToManager(Record("b", ActivityStatus.Confirmed, false)));
        Assert.IsFalse(SharingRule.IsVisibleToManager(Record("c", ActivityStatus.Suggested, null)));
        Assert.IsFalse(SharingRule.IsVisibleToManager(Record("d", ActivityStatus.Skipped, null)));
        Assert.IsFalse(SharingRule.IsVisibleToManager(Record("e", ActivityStatus.Suggested, true)), "a confirmation left on an undone row does not count");
    }

    [TestMethod]
    public void UnsharedRecords_AreNotEvenMeetingTime()
    {
        var view = ManagerView.Of(Week, Week, [Record("a", ActivityStatus.Confirmed, true), Record("b", ActivityStatus.Confirmed, false), Record("c", ActivityStatus.Suggested, null)]);
        Assert.IsTrue(view.IsSharing);
        Assert.AreEqual(60, view.Period!.Total.MeetingMinutes);
        Assert.AreEqual(0, view.Period.Total.UnconfirmedCount);
    }

    [TestMethod]
    public void NothingShared_IsNotSharing_WithNoPeriodAtAll()
    {
        var view = ManagerView.Of(Week, Week, [Record("b", ActivityStatus.Confirmed, false), Record("c", ActivityStatus.Suggested, null)]);
        Assert.IsFalse(view.IsSharing);
        Assert.IsNull(view.Period);
        Assert.AreSame(ManagerView.NotSharing, ManagerView.Of(Week, Week, []));
    }
}
