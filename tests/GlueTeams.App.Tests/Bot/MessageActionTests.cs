using System.Net;
using System.Text.Json.Nodes;
using GlueTeams.Core.Records;
using GlueTeams.Testing;

namespace GlueTeams.App.Tests.Bot;

/// <summary>
/// The "Log as glue work" message action through its invokes (composeExtension/fetchTask, composeExtension/submitAction)
/// as Teams sends them from a group chat, with real signed Bot Connector tokens: the Teams App Test Tool does not send
/// message extension invokes.
/// </summary>
[TestClass]
public sealed class MessageActionTests
{
    private const string LinkToMessage = "https://teams.microsoft.com/l/message/19:abc@thread.v2/1700000000000";
    private static DevTokenIssuerHost s_issuer = null!;

    [ClassInitialize]
    public static async Task StartIssuer(TestContext _) => s_issuer = await DevTokenIssuerHost.StartAsync();

    [ClassCleanup]
    public static async Task StopIssuer() => await s_issuer.DisposeAsync();

    private static BotHarness Harness() => SignedBot.Harness(s_issuer);

    private static string Bearer(Func<GlueTeams.Simulator.Tokens.TokenRequest, GlueTeams.Simulator.Tokens.TokenRequest>? change = null) => SignedBot.Bearer(s_issuer, change);

    /// <summary>A message extension invoke from a group chat, on a message with <paramref name="html"/> as its body.</summary>
    private static JsonObject Invoke(BotHarness bot, string name, string html, JsonObject? data = null, string commandId = "logAsGlueWork")
    {
        var activity = bot.Activity("invoke");
        activity["name"] = name;
        activity["conversation"] = new JsonObject { ["id"] = "19:abc@thread.v2", ["conversationType"] = "groupChat", ["isGroup"] = true, ["tenantId"] = BotHarness.TenantId };
        activity["value"] = new JsonObject
        {
            ["commandId"] = commandId,
            ["commandContext"] = "message",
            ["messagePayload"] = new JsonObject
            {
                ["id"] = "1700000000000",
                ["linkToMessage"] = LinkToMessage,
                ["body"] = new JsonObject { ["contentType"] = "html", ["content"] = html },
            },
            ["data"] = data,
        };
        return activity;
    }

    private static async Task<JsonObject> AnswerAsync(BotHarness bot, JsonObject activity)
    {
        using var response = await bot.PostAsync(activity, Bearer());
        var text = await response.Content.ReadAsStringAsync();
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, text);
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>The form's inputs as the dialog submits them, with the submit action's data.</summary>
    private static JsonObject Submitted(JsonObject fetched, Action<JsonObject>? change = null)
    {
        var card = fetched["task"]!["value"]!["card"]!["content"]!;
        var data = new JsonObject();
        foreach (var input in card["body"]!.AsArray().Where(e => ((string?)e!["type"])?.StartsWith("Input.", StringComparison.Ordinal) == true))
        {
            data[(string)input!["id"]!] = (string?)input["value"];
        }
        foreach (var (key, value) in card["actions"]![0]!["data"]!.AsObject())
        {
            data[key] = (string?)value;
        }
        change?.Invoke(data);
        return data;
    }

    private static string Input(JsonObject fetched, string id) =>
        (string)fetched["task"]!["value"]!["card"]!["content"]!["body"]!.AsArray().Single(e => (string?)e!["id"] == id)!["value"]!;

    private const string Html = "<div><p>Here is how the <b>payments sandbox</b> works &amp; how to get access: wrote it up in the onboarding guide.</p></div>";

    [TestMethod]
    public async Task Fetch_opens_a_form_prefilled_with_the_link_and_the_first_200_characters_and_stores_nothing()
    {
        await using var bot = Harness();
        var longHtml = "<p>" + string.Concat(Enumerable.Repeat("Answered a question about the deploy pipeline. ", 20)) + "</p>";

        var fetched = await AnswerAsync(bot, Invoke(bot, "composeExtension/fetchTask", longHtml));
        var short_ = await AnswerAsync(bot, Invoke(bot, "composeExtension/fetchTask", Html));

        Assert.AreEqual("continue", (string?)fetched["task"]!["type"]);
        Assert.AreEqual("application/vnd.microsoft.card.adaptive", (string?)fetched["task"]!["value"]!["card"]!["contentType"]);
        Assert.AreEqual(200, Input(fetched, "text").Length);
        StringAssert.StartsWith(Input(fetched, "text"), "Answered a question about the deploy pipeline.");
        Assert.AreEqual("Here is how the payments sandbox works & how to get access: wrote it up in the onboarding guide.", Input(short_, "text"));
        Assert.AreEqual(LinkToMessage, Input(fetched, "link"));
        Assert.AreEqual("onboarding", Input(short_, "category"), "suggested by the same engine");
        Assert.IsEmpty(await bot.StoredAsync(), "nothing is stored until Save");
        Assert.AreEqual(0, await BotHarness.CountAsync(bot.Tables.Users), "a message action registers nobody: the weekly card stays in the personal chat");
    }

    [TestMethod]
    public async Task Save_stores_a_confirmed_Message_record_once_in_the_users_week()
    {
        await using var bot = Harness();
        var fetched = await AnswerAsync(bot, Invoke(bot, "composeExtension/fetchTask", Html));

        var saved = await AnswerAsync(bot, Invoke(bot, "composeExtension/submitAction", Html, Submitted(fetched, d => d["duration"] = "45m")));
        var again = await AnswerAsync(bot, Invoke(bot, "composeExtension/submitAction", Html, Submitted(fetched, d => d["duration"] = "45m")));

        Assert.AreEqual("message", (string?)saved["task"]!["type"]);
        StringAssert.Contains((string?)saved["task"]!["value"], "Logged as glue work: Here is how the payments sandbox works");
        StringAssert.Contains((string?)again["task"]!["value"], "logged already");
        var record = (await bot.StoredAsync()).Single().Record;
        Assert.AreEqual(ActivitySource.Message, record.Source);
        Assert.AreEqual(ActivityStatus.Confirmed, record.Status);
        Assert.AreEqual(45, record.Minutes);
        Assert.AreEqual("onboarding", record.Confirmation!.CategoryId);
        Assert.AreEqual(Impact.Multiplier, record.Confirmation.Impact, "the message's link is the artifact");
        Assert.AreEqual(LinkToMessage, record.Confirmation.ArtifactLink!.AbsoluteUri);
        Assert.IsFalse(record.Confirmation.SharedWithManager, "nothing is shared before the user chose to share");
    }

    [TestMethod]
    [DataRow("duration", "3 days", "log each day's work on its own")]
    [DataRow("duration", "", "How long did it take?")]
    [DataRow("link", "javascript:alert(1)", "The link must be a full https:// address.")]
    [DataRow("category", "world-domination", "'world-domination' is not a glue-work category.")]
    [DataRow("text", "10KB", "a log entry is a duration, a short description and a link")]
    public async Task A_bad_field_shows_the_form_again_with_the_error_and_stores_nothing(string field, string value, string says)
    {
        await using var bot = Harness();
        var fetched = await AnswerAsync(bot, Invoke(bot, "composeExtension/fetchTask", Html));

        var answer = await AnswerAsync(bot, Invoke(bot, "composeExtension/submitAction", Html,
            Submitted(fetched, d => d[field] = value == "10KB" ? new string('x', 10 * 1024) : value)));

        Assert.AreEqual("continue", (string?)answer["task"]!["type"]);
        var card = answer["task"]!["value"]!["card"]!["content"]!;
        StringAssert.Contains(BotHarness.Texts(card), says);
        StringAssert.Contains(BotHarness.Texts(card), "Nothing was logged");
        Assert.IsLessThan(8_000, card.ToJsonString().Length, "a 10 KB field is not echoed back");
        Assert.IsEmpty(await bot.StoredAsync());
    }

    [TestMethod]
    public async Task An_unknown_command_is_refused_and_a_forged_token_gets_401_with_nothing_stored()
    {
        await using var bot = Harness();
        var fetched = await AnswerAsync(bot, Invoke(bot, "composeExtension/fetchTask", Html));

        var unknown = await AnswerAsync(bot, Invoke(bot, "composeExtension/submitAction", Html, Submitted(fetched), commandId: "dropTables"));
        using var forged = await bot.PostAsync(Invoke(bot, "composeExtension/submitAction", Html, Submitted(fetched)),
            Bearer(r => r with { Audience = "99999999-0000-0000-0000-000000000000" }));
        using var unsigned = await bot.PostAsync(Invoke(bot, "composeExtension/submitAction", Html, Submitted(fetched)));

        StringAssert.Contains((string?)unknown["task"]!["value"], "Glueprint has no command \"dropTables\"");
        Assert.AreEqual(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.AreEqual(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        Assert.IsEmpty(await bot.StoredAsync());
        var saved = await AnswerAsync(bot, Invoke(bot, "composeExtension/submitAction", Html, Submitted(fetched)));
        StringAssert.Contains((string?)saved["task"]!["value"], "Logged as glue work", "the app still serves");
    }

    [TestMethod]
    public async Task After_delete_my_data_a_submit_stores_nothing_and_says_why()
    {
        await using var bot = Harness();
        await bot.PostAsync(bot.Install(), Bearer());
        var fetched = await AnswerAsync(bot, Invoke(bot, "composeExtension/fetchTask", Html));
        await bot.PostAsync(bot.Invoke("confirmDelete"), Bearer());

        var answer = await AnswerAsync(bot, Invoke(bot, "composeExtension/submitAction", Html, Submitted(fetched)));

        StringAssert.Contains((string?)answer["task"]!["value"], "You deleted your Glueprint data, so nothing was logged");
        Assert.IsEmpty(await bot.StoredAsync());
    }
}
