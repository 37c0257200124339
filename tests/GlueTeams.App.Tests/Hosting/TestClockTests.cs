using GlueTeams.Core.Weeks;
using Microsoft.Extensions.DependencyInjection;

namespace GlueTeams.App.Tests.Hosting;

[TestClass]
public sealed class TestClockTests
{
    [TestMethod]
    public async Task TheTestClock_StartsMidWeekInEveryZone_AdvancesInRealTime_AndItsTimersFire()
    {
        var now = TestClock.Shared.GetUtcNow();
        Assert.AreEqual(DayOfWeek.Wednesday, now.DayOfWeek);
        foreach (var zone in new[] { "Etc/GMT+12", "America/Los_Angeles", "Asia/Tokyo", "Pacific/Kiritimati" }.Select(TimeZoneInfo.FindSystemTimeZoneById))
        {
            Assert.AreEqual(IsoWeek.Containing(now, TimeZoneInfo.Utc), IsoWeek.Containing(now, zone), zone.Id);
        }

        var before = TestClock.Shared.GetUtcNow();
        var elapsed = System.Diagnostics.Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromMilliseconds(200), TestClock.Shared);
        var waited = elapsed.Elapsed;

        // The system timer behind the delay may fire a tick (about a millisecond) early, so the delay is checked against
        // a stopwatch, and the clock against the time that really passed.
        Assert.IsGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(190), waited, "the clock's timer fired after its delay");
        Assert.IsGreaterThanOrEqualTo(before + waited, TestClock.Shared.GetUtcNow(), "the clock moved on in real time");
    }

    [TestMethod]
    public async Task TheAppHost_RunsOnTheTestClock_AndStillServes()
    {
        await using var app = new AppFactory();

        Assert.AreSame(TestClock.Shared, app.Services.GetRequiredService<TimeProvider>());
        using var client = app.CreateClient();
        Assert.AreEqual(System.Net.HttpStatusCode.OK, (await client.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);
    }
}
