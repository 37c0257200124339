using System.Net;
using System.Text.Json.Nodes;

namespace GlueTeams.App.Tests.Bot;

/// <summary>The endpoint in Development without an app id (as the Test Tool talks to it): parsing, duplicates, install, commands.</summary>
[TestClass]
public sealed class BotEndpointTests
{
    [TestMethod]
    [DataRow("malformed JSON", "{\"type\": \"message\", ")]
    [DataRow("missing field", "{\"type\":\"message\",\"serviceUrl\":\"https://smba.trafficmanager.net/amer/\",\"from\":{\"id\":\"29:u\"}}")]
    [DataRow("not an object", "[1,2,3]")]
    public async Task A_bad_body_gets_400_and_nothing_is_written(string situation, string body)
    {
        await using var bot = new BotHarness();

        using var response = await bot.PostAsync(body);

        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode, situation);
        Assert.AreEqual(0, await BotHarness.CountAsync(bot.Tables.Claims));
        Assert.AreEqual(0, await BotHarness.CountAsync(bot.Tables.Users));
    }

    [TestMethod]
    public async Task An_oversized_body_gets_400_and_nothing_is_written()
    {
        await using var bot = new BotHarness();
        var message = bot.Message("help");
        message["padding"] = new string('x', 300 * 1024);

        using var response = await bot.PostAsync(message);

        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.AreEqual(0, await BotHarness.CountAsync(bot.Tables.Users));
        Assert.IsEmpty(bot.App.Connector.Requests);
    }

    [TestMethod]
    public async Task The_same_activity_delivered_twice_has_one_effect()
    {
        await using var bot = new BotHarness();
        var message = bot.Message("help");

        using var first = await bot.PostAsync(message);
        using var second = await bot.PostAsync(message);

        Assert.AreEqual(HttpStatusCode.OK, first.StatusCode);
        Assert.AreEqual(HttpStatusCode.OK, second.StatusCode);
        Assert.HasCount(1, bot.App.Connector.Requests);
    }

    [TestMethod]
    public async Task A_duplicate_card_action_writes_once_and_still_answers_with_the_card()
    {
        await using var bot = new BotHarness();
        var row = (await bot.SeedAsync(("Mentoring with Sam", "mentoring", null))).Single();
        var confirm = bot.Invoke("confirm", new Dictionary<string, string> { ["id"] = row.Id, ["etag"] = row.ETag.ToString() });

        var card = await bot.InvokeCardAsync(confirm);
        var etagAfterFirst = (await bot.StoredAsync()).Single().ETag;
        var again = await bot.InvokeCardAsync(confirm);

        StringAssert.Contains(BotHarness.Notice(card), "Saved");
        Assert.IsNull(BotHarness.Notice(again));
        Assert.AreEqual(etagAfterFirst, (await bot.StoredAsync()).Single().ETag);
    }

    [TestMethod]
    public async Task Install_stores_the_user_schedules_the_first_card_and_sends_the_welcome_card_once()
    {
        await using var bot = new BotHarness();
        var install = bot.Install();
        install["localTimezone"] = "Europe/Paris";

        var conversationUpdate = bot.Activity("conversationUpdate");
        conversationUpdate["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "29:user-1" }, new JsonObject { ["id"] = "28:bot" });
        conversationUpdate["localTimezone"] = "Europe/Paris";

        // Teams sends both at once.
        await Task.WhenAll(bot.PostAsync(install), bot.PostAsync(conversationUpdate));

        var profile = await bot.Users.GetAsync(BotHarness.TenantId, BotHarness.UserId);
        Assert.IsNotNull(profile);
        Assert.AreEqual("Europe/Paris", profile.TimeZoneId);
        Assert.AreEqual("a:chat-" + BotHarness.UserId, profile.Conversation?.ConversationId);
        Assert.IsNull(profile.SharingDefault);
        Assert.AreEqual(1, await BotHarness.CountAsync(bot.Tables.Schedule));
        var welcome = bot.SentCards().Single();
        StringAssert.Contains(welcome.ToJsonString(), "Welcome to Glueprint");
        StringAssert.Contains(welcome.ToJsonString(), "Keep private");
    }

    [TestMethod]
    public async Task Uninstall_marks_the_user_so_that_nothing_more_is_sent_and_a_reinstall_welcomes_again()
    {
        await using var bot = new BotHarness();
        await bot.PostAsync(bot.Install());
        var remove = bot.Install();
        remove["action"] = "remove";

        await bot.PostAsync(remove);

        var profile = await bot.Users.GetAsync(BotHarness.TenantId, BotHarness.UserId);
        Assert.IsFalse(profile!.Installed);
        Assert.IsFalse(profile.ShouldReceiveCards);
        await bot.PostAsync(bot.Install());
        Assert.HasCount(2, bot.SentCards());
    }

    [TestMethod]
    [DataRow("help", "Glueprint commands")]
    [DataRow("<at>GlueTeams</at> This week!", "Your glue work, week")]
    [DataRow("summary", "Total")]
    [DataRow("settings", "Glueprint settings")]
    [DataRow("delete my data", "Delete all your Glueprint data?")]
    [DataRow("what is this", "understand")]
    public async Task A_command_is_answered_with_its_card(string text, string expected)
    {
        await using var bot = new BotHarness();

        await bot.PostAsync(bot.Message(text));

        StringAssert.Contains(bot.SentCards().Single().ToJsonString(), expected);
        StringAssert.EndsWith(bot.SentMessages().Single().Uri.AbsolutePath, "/activities/" + "activity-1");
    }

    [TestMethod]
    public async Task This_week_shows_a_series_once_with_its_count_and_refreshes_for_the_user()
    {
        await using var bot = new BotHarness();
        await bot.SeedAsync(("Design review", "design-review", "series-1"), ("Design review", "design-review", "series-1"), ("Postmortem", "incident", null));

        await bot.PostAsync(bot.Message("this week"));

        var card = bot.SentCards().Single();
        var json = BotHarness.Texts(card);
        StringAssert.Contains(json, "Design review ×2");
        StringAssert.Contains(json, "Postmortem");
        Assert.AreEqual(2, card["body"]!.AsArray().Count(e => (string?)e!["type"] == "Container"));
        Assert.AreEqual(BotHarness.TeamsUserId, (string?)card["refresh"]!["userIds"]![0]);
        Assert.AreEqual("Action.Execute", (string?)card["refresh"]!["action"]!["type"]);
    }
}
