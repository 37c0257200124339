using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GlueTeams.App.Tests.Api;
using GlueTeams.Core.Records;
using GlueTeams.Core.Weeks;
using GlueTeams.Simulator.Org;
using GlueTeams.Testing;

namespace GlueTeams.App.Tests.Privacy;

/// <summary>
/// The tab API host, plus the bot endpoint of the same app driven as Teams drives it (Development: no bot token), so
/// that one test can act as the engineer in Teams and as their manager in the Team review tab.
/// </summary>
internal static class PrivacyHost
{
    /// <summary>The week Team review ends with for the host's manager.</summary>
    public static IsoWeek WeekOf(TabApiHost host) => host.TeamWeek;

    /// <summary>Six weeks of confirmed work, three shared glue meetings a week, one with an artifact; reseeded from scratch.</summary>
    public static async Task<List<ActivityRecord>> ReseedAsync(TabApiHost host, SimulatedUser user, bool? sharingDefault = true, int gluePerWeek = 3)
    {
        await host.Activities.DeleteAllAsync(TabApiHost.TenantId, user.Id);
        var records = SimulatedRecords.Weeks(TabApiHost.TenantId, user.Id, host.TeamWeek.AddWeeks(-5), host.TeamWeek, gluePerWeek: gluePerWeek);
        await host.SeedAsync(user, records, sharingDefault);
        return records;
    }

    public static async Task<JsonElement> TeamAsync(TabApiHost host)
    {
        using var manager = host.ClientFor(host.Manager.Id);
        return await manager.GetFromJsonAsync<JsonElement>("/api/team/summary?weeks=12");
    }

    public static async Task<JsonElement> MemberAsync(TabApiHost host, SimulatedUser report)
    {
        using var manager = host.ClientFor(host.Manager.Id);
        return await manager.GetFromJsonAsync<JsonElement>($"/api/team/members/{report.Id}/summary?weeks=12");
    }

    public static JsonElement MemberIn(JsonElement team, SimulatedUser report) =>
        team.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("userId").GetString() == report.Id);

    /// <summary>
    /// The promise "nothing but the name", on raw JSON: the member object has exactly its id, name, "not-sharing" and a
    /// null period; the shares and signals name them nowhere.
    /// </summary>
    public static void AssertNameOnly(JsonElement member, JsonElement? team, SimulatedUser report)
    {
        var properties = member.EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
        CollectionAssert.AreEquivalent(new[] { "userId", "displayName", "sharing", "period" }, properties.Keys.ToList(), member.ToString());
        Assert.AreEqual("not-sharing", properties["sharing"].GetString());
        Assert.AreEqual(JsonValueKind.Null, properties["period"].ValueKind, "no period: no zero that could pass for data");
        Assert.IsFalse(properties.Values.Any(v => v.ValueKind == JsonValueKind.Number), "no numeric field about them");
        var text = member.ToString();
        foreach (var category in new[] { "mentoring", "design-review", "not-glue", "docs.example.com", "Faster onboarding", "Mentoring session" })
        {
            Assert.IsFalse(text.Contains(category, StringComparison.Ordinal), $"'{category}' leaked: {text}");
        }
        if (team is { } t)
        {
            Assert.IsFalse(t.GetProperty("shares").EnumerateArray().Any(s => s.GetProperty("userId").GetString() == report.Id), "no share of the team");
            Assert.IsFalse(t.GetProperty("signals").EnumerateArray().Any(s => s.GetProperty("userId").GetString() == report.Id), "no signal");
        }
    }

    /// <summary>Posts an Adaptive Card action from <paramref name="userId"/>, as Teams does, and returns the card it answers with.</summary>
    public static async Task<JsonObject> InvokeAsync(TabApiHost host, string userId, string verb, IReadOnlyDictionary<string, string>? data = null)
    {
        var dataJson = new JsonObject();
        foreach (var (key, value) in data ?? new Dictionary<string, string>())
        {
            dataJson[key] = value;
        }
        return await InvokeJsonAsync(host, userId, verb, dataJson);
    }

    /// <summary>An adaptiveCard/action invoke whose data is any JSON (the week card's "Confirm week" carries an object of ETags).</summary>
    public static async Task<JsonObject> InvokeJsonAsync(TabApiHost host, string userId, string verb, JsonObject data)
    {
        var activity = BotActivity(userId, "invoke");
        activity["name"] = "adaptiveCard/action";
        activity["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data } };
        using var response = await PostBotAsync(host, activity);
        var text = await response.Content.ReadAsStringAsync();
        Assert.AreEqual(200, (int)response.StatusCode, text);
        var json = JsonNode.Parse(text)!.AsObject();
        return json["value"]?.AsObject() ?? new JsonObject();
    }

    public static async Task<HttpResponseMessage> PostBotAsync(TabApiHost host, JsonObject activity)
    {
        using var client = host.App.CreateClient();
        using var content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json");
        return await client.PostAsync(new Uri("/api/messages", UriKind.Relative), content);
    }

    public static JsonObject BotActivity(string userId, string type) => new()
    {
        ["type"] = type,
        ["id"] = "activity-" + Guid.NewGuid().ToString("N"),
        ["serviceUrl"] = "https://smba.trafficmanager.net/amer/",
        ["channelId"] = "msteams",
        ["from"] = new JsonObject { ["id"] = "29:" + userId, ["name"] = "Engineer", ["aadObjectId"] = userId },
        ["recipient"] = new JsonObject { ["id"] = "28:bot", ["name"] = "GlueTeams" },
        ["conversation"] = new JsonObject { ["id"] = "a:chat-" + userId, ["conversationType"] = "personal", ["tenantId"] = TabApiHost.TenantId },
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = TabApiHost.TenantId } },
    };
}
