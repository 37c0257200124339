using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GlueTeams.App.Sync;
using GlueTeams.App.Tests.Api;
using GlueTeams.App.Tests.Privacy;
using GlueTeams.App.Users;
using GlueTeams.Core.Records;
using GlueTeams.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;

namespace GlueTeams.App.Tests.Sync;

/// <summary>
/// "The last quarter on day one": an install queues the 12 weeks before it, the sync worker reads them through the
/// $batch sync as suggestions, and the tab's "Review your last quarter" confirms them per week or per category.
/// </summary>
[TestClass]
public sealed class QuarterBackfillTests
{
    private static async Task DrainAsync(TabApiHost host)
    {
        var worker = host.App.Services.GetRequiredService<SyncWorker>();
        var queue = host.App.Services.GetRequiredService<WorkQueue<SyncWorkItem>>();
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (await queue.ApproximateCountAsync() > 0 || await worker.RunOnceAsync(CancellationToken.None) > 0)
        {
            Assert.IsLessThan(deadline, DateTime.UtcNow, "the sync queue was not drained in time");
            await worker.RunOnceAsync(CancellationToken.None);
        }
        Assert.AreEqual(0, await queue.PoisonCountAsync());
    }

    private static async Task InstallAsync(TabApiHost host, string userId)
    {
        var install = PrivacyHost.BotActivity(userId, "installationUpdate");
        install["action"] = "add";
        using var response = await PrivacyHost.PostBotAsync(host, install);
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [TestMethod]
    public async Task An_install_reads_the_last_12_weeks_as_suggestions_off_the_install_turn_and_the_tab_confirms_them_per_category_and_per_week()
    {
        await using var host = await TabApiHost.StartAsync();
        await host.App.Services.GetRequiredService<WorkQueue<SyncWorkItem>>().EnsureCreatedAsync();
        var engineer = host.Report(0);
        var quarterStart = TabApiHost.CurrentWeek.AddWeeks(-12);

        await InstallAsync(host, engineer.Id);

        Assert.IsEmpty(await host.Activities.ListAsync(TabApiHost.TenantId, engineer.Id, quarterStart, TabApiHost.CurrentWeek.Previous), "the install turn only queues the work");
        await DrainAsync(host);
        var quarter = await host.Activities.ListAsync(TabApiHost.TenantId, engineer.Id, quarterStart, TabApiHost.CurrentWeek.Previous);
        Assert.AreEqual(12, quarter.Select(r => r.Record.Week).Distinct().Count(), "every week of the last quarter was read");
        Assert.IsTrue(quarter.All(r => r.Record.Suggestion is not null));
        Assert.IsTrue(quarter.Where(r => r.Record.Status != ActivityStatus.Suggested).All(r => r.Record.Suggestion!.Reason.StartsWith("Tagged", StringComparison.Ordinal)),
            "as suggestions: only the user's own \"Glue: …\" Outlook category decides a row");
        Assert.IsGreaterThan(20, quarter.Count(r => r.Record.Status == ActivityStatus.Suggested));

        using var client = host.ClientFor(engineer.Id);
        var review = await client.GetFromJsonAsync<JsonElement>("/api/me/quarter");
        Assert.AreEqual(quarterStart.ToString(), review.GetProperty("from").GetString());
        Assert.AreEqual(12, review.GetProperty("weeks").GetArrayLength());
        Assert.AreEqual(quarter.Count(r => r.Record.Status == ActivityStatus.Suggested), review.GetProperty("toConfirm").GetInt32());
        var category = review.GetProperty("categories").EnumerateArray().First(c => c.GetProperty("categoryId").GetString() != "not-glue");
        var categoryId = category.GetProperty("categoryId").GetString()!;

        using var byCategory = await client.PostAsJsonAsync("/api/me/quarter/confirm", new { category = categoryId });
        var confirmed = await byCategory.Content.ReadFromJsonAsync<JsonElement>();
        Assert.AreEqual(category.GetProperty("toConfirm").GetInt32(), confirmed.GetProperty("confirmed").GetInt32(), "one action confirms the whole category");
        var week = review.GetProperty("weeks")[3].GetProperty("week").GetString()!;
        using var byWeek = await client.PostAsJsonAsync("/api/me/quarter/confirm", new { week });
        Assert.AreEqual(HttpStatusCode.OK, byWeek.StatusCode);

        var after = await host.Activities.ListAsync(TabApiHost.TenantId, engineer.Id, quarterStart, TabApiHost.CurrentWeek.Previous);
        Assert.IsTrue(after.Where(r => r.Record.Suggestion!.CategoryId == categoryId).All(r => r.Record.Confirmation?.CategoryId == categoryId));
        Assert.IsTrue(after.Where(r => r.Record.Week.ToString() == week).All(r => r.Record.Status == ActivityStatus.Confirmed));
        Assert.IsTrue(after.Where(r => r.Record.Status == ActivityStatus.Confirmed && !r.Record.Suggestion!.Reason.StartsWith("Tagged", StringComparison.Ordinal))
            .All(r => r.Record.Confirmation!.Impact == r.Record.Suggestion!.Impact), "confirmed as suggested, impact too");
        var left = (await client.GetFromJsonAsync<JsonElement>("/api/me/quarter")).GetProperty("toConfirm").GetInt32();
        Assert.AreEqual(after.Count(r => r.Record.Status == ActivityStatus.Suggested), left);
        Assert.IsTrue(after.Any(r => r.Record.Status == ActivityStatus.Suggested), "the rest stays for the user to decide");
    }

    [TestMethod]
    public async Task Bad_confirm_requests_get_400_and_a_deleted_user_409_with_nothing_changed()
    {
        await using var host = await TabApiHost.StartAsync();
        var engineer = host.Report(1);
        var records = GlueTeams.Testing.SimulatedRecords.Weeks(TabApiHost.TenantId, engineer.Id, TabApiHost.CurrentWeek.AddWeeks(-3), TabApiHost.CurrentWeek.AddWeeks(-2), perWeek: 3, gluePerWeek: 0)
            .Select(r => r with { Status = ActivityStatus.Suggested, Confirmation = null, Suggestion = new Suggestion("mentoring", 0.8, "1:1") }).ToList();
        await host.Activities.UpsertObservedAsync(records);
        using var client = host.ClientFor(engineer.Id);

        foreach (var body in new object[] { new { }, new { week = TabApiHost.CurrentWeek.ToString() }, new { week = "2026-W99" }, new { category = "world-domination" }, new { week = TabApiHost.CurrentWeek.AddWeeks(-13).ToString() } })
        {
            using var response = await client.PostAsJsonAsync("/api/me/quarter/confirm", body);
            Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode, JsonSerializer.Serialize(body));
        }
        await host.App.Services.GetRequiredService<UserErasure>().EraseAsync(TabApiHost.TenantId, engineer.Id);
        await host.Activities.UpsertObservedAsync(records); // even if rows reappeared, a deleted user's confirm writes nothing
        using var erased = await client.PostAsJsonAsync("/api/me/quarter/confirm", new { category = "mentoring" });

        Assert.AreEqual(HttpStatusCode.Conflict, erased.StatusCode);
        Assert.IsTrue((await host.Activities.ListAsync(TabApiHost.TenantId, engineer.Id, TabApiHost.CurrentWeek.AddWeeks(-12), TabApiHost.CurrentWeek))
            .All(r => r.Record.Status == ActivityStatus.Suggested));
    }
}
