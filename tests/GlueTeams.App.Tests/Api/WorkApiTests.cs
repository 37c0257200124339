using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GlueTeams.App.Users;
using GlueTeams.Core.Records;
using Microsoft.Extensions.DependencyInjection;

namespace GlueTeams.App.Tests.Api;

/// <summary>POST /api/me/work, the tab's "Add work": the caller's own logged glue work, suggested, confirmed, counted.</summary>
[TestClass]
public sealed class WorkApiTests
{
    private static TabApiHost s_host = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context) => s_host = await TabApiHost.StartAsync();

    [ClassCleanup]
    public static async Task StopAsync() => await s_host.DisposeAsync();

    private static async Task<IReadOnlyList<Storage.Activities.StoredRecord>> StoredAsync(string userId) =>
        await s_host.Activities.ListAsync(TabApiHost.TenantId, userId, TabApiHost.CurrentWeek, TabApiHost.CurrentWeek);

    [TestMethod]
    public async Task Work_without_a_category_is_suggested_stored_confirmed_once_and_counts_in_the_summary()
    {
        var engineer = s_host.Report(0);
        await s_host.SeedAsync(engineer, [], sharingDefault: false);
        using var client = s_host.ClientFor(engineer.Id);
        var request = new { duration = "2h", text = "Wrote the onboarding guide", link = "https://wiki.contoso.com/eng/onboarding-guide", key = "entry-1" };

        using var created = await client.PostAsJsonAsync("/api/me/work", request);
        using var again = await client.PostAsJsonAsync("/api/me/work", request);

        Assert.AreEqual(HttpStatusCode.Created, created.StatusCode, await created.Content.ReadAsStringAsync());
        Assert.AreEqual(HttpStatusCode.OK, again.StatusCode, "the same key saves once");
        var view = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.AreEqual("confirmed", view.GetProperty("record").GetProperty("status").GetString());
        Assert.AreEqual("onboarding", view.GetProperty("record").GetProperty("confirmation").GetProperty("categoryId").GetString());
        Assert.AreEqual("multiplier", view.GetProperty("record").GetProperty("confirmation").GetProperty("impact").GetString());
        Assert.AreEqual("it produced an artifact (the link)", view.GetProperty("impactReason").GetString());
        var stored = (await StoredAsync(engineer.Id)).Single().Record;
        Assert.AreEqual(ActivitySource.Manual, stored.Source);
        Assert.IsFalse(stored.Confirmation!.SharedWithManager, "the user's sharing default (private) holds");
        var summary = await client.GetFromJsonAsync<JsonElement>($"/api/me/summary?from={TabApiHost.CurrentWeek}&to={TabApiHost.CurrentWeek}");
        Assert.AreEqual(120, summary.GetProperty("total").GetProperty("glueMinutes").GetInt32());
        Assert.AreEqual(0, summary.GetProperty("total").GetProperty("meetingMinutes").GetInt32(), "logged work is not meeting time");
    }

    [TestMethod]
    public async Task A_category_and_impact_given_are_the_ones_stored()
    {
        var engineer = s_host.Report(1);
        using var client = s_host.ClientFor(engineer.Id);

        using var created = await client.PostAsJsonAsync("/api/me/work", new { duration = "45m", text = "Answered questions in #payments-help", category = "knowledge-sharing", impact = "one-off" });

        Assert.AreEqual(HttpStatusCode.Created, created.StatusCode, await created.Content.ReadAsStringAsync());
        var confirmation = (await StoredAsync(engineer.Id)).Single().Record.Confirmation!;
        Assert.AreEqual("knowledge-sharing", confirmation.CategoryId);
        Assert.AreEqual(Impact.OneOff, confirmation.Impact);
    }

    [TestMethod]
    [DataRow("{\"duration\":\"3 days\",\"text\":\"guide\"}", "duration")]
    [DataRow("{\"text\":\"guide\"}", "duration")]
    [DataRow("{\"duration\":\"2h\",\"text\":\"\"}", "text")]
    [DataRow("{\"duration\":\"2h\",\"text\":\"guide\",\"link\":\"javascript:alert(1)\"}", "link")]
    [DataRow("{\"duration\":\"2h\",\"text\":\"guide\",\"category\":\"world-domination\"}", "category")]
    [DataRow("{\"duration\":\"2h\",\"text\":\"guide\",\"impact\":\"sideways\"}", "impact")]
    [DataRow("{\"duration\":\"2h\",\"text\":\"TEN_KB\"}", "text")]
    [DataRow("{\"duration\":\"2h\",\"text\":\"something\"}", "category")]
    public async Task Bad_input_gets_400_naming_the_field_and_stores_nothing(string json, string field)
    {
        var engineer = s_host.Report(2);
        using var client = s_host.ClientFor(engineer.Id);

        using var response = await client.PostAsync("/api/me/work",
            new StringContent(json.Replace("TEN_KB", new string('x', 10 * 1024), StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/json"));

        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode, problem.ToString());
        Assert.IsTrue(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.IsEmpty(await StoredAsync(engineer.Id));
    }

    [TestMethod]
    public async Task A_200_character_key_and_no_token_are_refused_and_a_deleted_user_gets_409_with_nothing_stored()
    {
        var engineer = s_host.Org.Users.Last(u => u.Role == Simulator.Org.OrgRole.Engineer);
        using var client = s_host.ClientFor(engineer.Id);
        using var anonymous = s_host.ClientWith(null);

        using var longKey = await client.PostAsJsonAsync("/api/me/work", new { duration = "1h", text = "Runbook", category = "knowledge-sharing", key = new string('k', 200) });
        using var noToken = await anonymous.PostAsJsonAsync("/api/me/work", new { duration = "1h", text = "Runbook", category = "knowledge-sharing" });
        await s_host.App.Services.GetRequiredService<UserErasure>().EraseAsync(TabApiHost.TenantId, engineer.Id);
        using var erased = await client.PostAsJsonAsync("/api/me/work", new { duration = "1h", text = "Runbook", category = "knowledge-sharing" });

        Assert.AreEqual(HttpStatusCode.BadRequest, longKey.StatusCode);
        Assert.AreEqual(HttpStatusCode.Unauthorized, noToken.StatusCode);
        Assert.AreEqual(HttpStatusCode.Conflict, erased.StatusCode);
        Assert.IsEmpty(await StoredAsync(engineer.Id));
    }
}
