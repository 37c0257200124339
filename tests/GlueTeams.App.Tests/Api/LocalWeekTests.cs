using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using GlueTeams.Core.Weeks;
using GlueTeams.Simulator.Org;
using GlueTeams.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GlueTeams.App.Tests.Api;

/// <summary>
/// "This week" is the user's own week: at Sunday 23:00 UTC Monday has begun in Berlin and Tokyo, and the tab API's
/// defaults, Team review's period and every summary follow the zone of the viewer or of the report, not UTC.
/// </summary>
[TestClass]
public sealed class LocalWeekTests
{
    /// <summary>Sunday 29 Nov 2026 23:00 UTC: Monday 00:00 in Berlin, Monday 08:00 in Tokyo, Sunday 18:00 in New York.</summary>
    private static readonly DateTimeOffset s_sundayNight = new(2026, 11, 29, 23, 0, 0, TimeSpan.Zero);
    private static readonly IsoWeek s_utcWeek = IsoWeek.Parse("2026-W48");
    private static readonly IsoWeek s_mondayWeek = IsoWeek.Parse("2026-W49");

    private static TabApiHost s_host = null!;
    private static WebApplicationFactory<GlueTeams.App.Auth.TabsOptions> s_app = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context)
    {
        s_host = await TabApiHost.StartAsync();
        s_app = s_host.App.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(new FakeTimeProvider(s_sundayNight))));
    }

    [ClassCleanup]
    public static async Task StopAsync()
    {
        await s_app.DisposeAsync();
        await s_host.DisposeAsync();
    }

    private static HttpClient ClientFor(string userId)
    {
        var client = s_app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", s_host.Token(userId));
        return client;
    }

    private static async Task SeedAsync(SimulatedUser user, string zone, IsoWeek from, IsoWeek to, bool? sharing = true)
    {
        var profile = SimulatedProfiles.For(s_host.Org, user, sharing) with { TimeZoneId = zone };
        await s_host.Users.UpsertAsync(profile);
        foreach (var record in SimulatedRecords.Weeks(TabApiHost.TenantId, user.Id, from, to))
        {
            await s_host.Activities.PutDecidedAsync(record);
        }
    }

    [TestMethod]
    public async Task TokyoUser_AtSunday2300Utc_TheirMondaysWeekIsThisWeek_InEveryDefault()
    {
        var user = s_host.NotAReport;
        await SeedAsync(user, "Asia/Tokyo", s_utcWeek.AddWeeks(-2), s_mondayWeek);
        using var client = ClientFor(user.Id);

        var profile = await client.GetFromJsonAsync<JsonElement>("/api/me/profile");
        Assert.AreEqual(s_mondayWeek.ToString(), profile.GetProperty("currentWeek").GetString());
        Assert.AreEqual("Asia/Tokyo", profile.GetProperty("timeZone").GetString());
        var summary = await client.GetFromJsonAsync<JsonElement>("/api/me/summary");
        Assert.AreEqual(s_mondayWeek.ToString(), summary.GetProperty("to").GetString(), "the summary ends with the week their Monday began");
        Assert.AreEqual(3 * 60, summary.GetProperty("weeks").EnumerateArray().Last().GetProperty("summary").GetProperty("glueMinutes").GetInt32(),
            "Monday morning's work is in this week");
        using var export = await client.GetAsync(new Uri("/api/me/export?format=csv", UriKind.Relative));
        StringAssert.Contains(export.Content.Headers.ContentDisposition?.FileName, s_mondayWeek.ToString());
        using var bad = await client.GetAsync(new Uri("/api/me/records?week=next", UriKind.Relative));
        StringAssert.Contains(await bad.Content.ReadAsStringAsync(), $"such as {s_mondayWeek} (this week)");
    }

    [TestMethod]
    public async Task BerlinReport_AtSunday2300Utc_TheirManagerInNewYork_SeesTheWeekThatHasBegunForThem()
    {
        var manager = s_host.Manager;
        await s_host.Users.UpsertAsync(SimulatedProfiles.For(s_host.Org, manager) with { TimeZoneId = "America/New_York" });
        var report = s_host.Report(0);
        await SeedAsync(report, "Europe/Berlin", s_utcWeek.AddWeeks(-3), s_mondayWeek);
        using var client = ClientFor(manager.Id);

        var team = await client.GetFromJsonAsync<JsonElement>("/api/team/summary?weeks=4");
        Assert.AreEqual(s_mondayWeek.ToString(), team.GetProperty("to").GetString(), "the team's period ends with the Berlin report's Monday");
        var member = team.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("userId").GetString() == report.Id);
        var weeks = member.GetProperty("period").GetProperty("weeks").EnumerateArray().ToList();
        Assert.AreEqual(s_mondayWeek.ToString(), weeks[^1].GetProperty("week").GetString());
        Assert.AreEqual(3 * 60, weeks[^1].GetProperty("summary").GetProperty("glueMinutes").GetInt32(), "what they shared of their new week is shown");

        var one = await client.GetFromJsonAsync<JsonElement>($"/api/team/members/{report.Id}/summary?weeks=4");
        Assert.AreEqual(s_mondayWeek.ToString(), one.GetProperty("period").GetProperty("to").GetString());
        var own = await client.GetFromJsonAsync<JsonElement>("/api/me/profile");
        Assert.AreEqual(s_utcWeek.ToString(), own.GetProperty("currentWeek").GetString(), "the manager's own week is still last week in New York");
    }

    [TestMethod]
    public async Task UserWithoutProfile_TheirMailboxZoneDecides()
    {
        var candidates = s_host.Org.Users.Where(u => u.Role == OrgRole.Engineer && u.ManagerId != s_host.Manager.Id && u.Id != s_host.NotAReport.Id).ToList();
        var east = candidates.First(u => IsAhead(u, TimeSpan.FromHours(1)));
        var west = candidates.First(u => !IsAhead(u, TimeSpan.Zero));
        foreach (var (user, expected) in new[] { (east, s_mondayWeek), (west, s_utcWeek) })
        {
            Assert.IsNull(await s_host.Users.GetAsync(TabApiHost.TenantId, user.Id), "no profile");
            using var client = ClientFor(user.Id);
            var summary = await client.GetFromJsonAsync<JsonElement>("/api/me/summary");
            Assert.AreEqual(expected.ToString(), summary.GetProperty("to").GetString(), $"{user.TimeZone} (mailbox {user.MailboxTimeZone})");
        }
    }

    private static bool IsAhead(SimulatedUser user, TimeSpan atLeast) =>
        TimeZoneInfo.FindSystemTimeZoneById(user.TimeZone).GetUtcOffset(s_sundayNight) >= atLeast;
}
