using System.Text.Json.Nodes;
using GlueTeams.Core.Records;

namespace GlueTeams.App.Tests.Bot;

/// <summary>"log 2h onboarding guide https://…": read, suggested, stored as confirmed glue work after one tap, and nothing before.</summary>
[TestClass]
public sealed class LogCommandTests
{
    private const string Guide = "log 2h Onboarding guide https://wiki.contoso.com/eng/onboarding-guide";

    /// <summary>What tapping the card's action sends: its data and the card's inputs as they stand.</summary>
    private static Dictionary<string, string> Tap(JsonObject card, string title)
    {
        var action = card["actions"]!.AsArray().Single(a => (string?)a!["title"] == title)!;
        var data = action["data"]?.AsObject().ToDictionary(p => p.Key, p => (string)p.Value!) ?? [];
        foreach (var input in card["body"]!.AsArray().Where(e => ((string?)e!["type"])?.StartsWith("Input.", StringComparison.Ordinal) == true))
        {
            data[(string)input!["id"]!] = (string?)input["value"] ?? "";
        }
        return data;
    }

    private static string Verb(JsonObject card, string title) =>
        (string)card["actions"]!.AsArray().Single(a => (string?)a!["title"] == title)!["verb"]!;

    [TestMethod]
    public async Task A_log_message_is_read_and_suggested_and_one_tap_stores_it_as_confirmed_glue_work()
    {
        await using var bot = new BotHarness();
        await bot.PostAsync(bot.Install());

        await bot.PostAsync(bot.Message(Guide));
        var preview = bot.SentCards()[^1];

        var texts = BotHarness.Texts(preview);
        StringAssert.Contains(texts, "Log this glue work?");
        StringAssert.Contains(texts, "Onboarding guide");
        StringAssert.Contains(texts, "2 h");
        StringAssert.Contains(texts, "“onboarding” suggests Onboarding");
        StringAssert.Contains(texts, "Multiplier: it produced an artifact (the link).");
        Assert.IsEmpty(await bot.StoredAsync(), "nothing is stored before the tap");

        var saved = await bot.InvokeCardAsync(bot.Invoke(Verb(preview, "Save"), Tap(preview, "Save")));

        StringAssert.Contains(BotHarness.Texts(saved), "Logged as glue work");
        var record = (await bot.StoredAsync()).Single().Record;
        Assert.AreEqual(ActivitySource.Manual, record.Source);
        Assert.AreEqual(ActivityStatus.Confirmed, record.Status);
        Assert.AreEqual("onboarding", record.Confirmation!.CategoryId);
        Assert.AreEqual(Impact.Multiplier, record.Confirmation.Impact);
        Assert.AreEqual("https://wiki.contoso.com/eng/onboarding-guide", record.Confirmation.ArtifactLink!.AbsoluteUri);
        Assert.AreEqual(120, record.Minutes);
        Assert.AreEqual(BotHarness.ThisWeek, record.Week);

        // A second tap (or Teams re-sending the invoke under a new id) saves nothing new.
        var again = await bot.InvokeCardAsync(bot.Invoke(Verb(preview, "Save"), Tap(preview, "Save")));
        StringAssert.Contains(BotHarness.Texts(again), "Logged already");
        Assert.HasCount(1, await bot.StoredAsync());

        // It counts in the week: the card's totals and a row of its own.
        await bot.PostAsync(bot.Message("this week"));
        var week = BotHarness.Texts(bot.SentCards()[^1]);
        StringAssert.Contains(week, "2 h glue work");
        StringAssert.Contains(week, "100% multiplier");
        StringAssert.Contains(week, $"logged · 120 min · {Core.Categories.GlueCategories.Onboarding.Marker} ✓ Onboarding · multiplier");
    }

    [TestMethod]
    public async Task The_category_changed_on_the_card_is_the_one_stored_and_Remove_takes_the_entry_away()
    {
        await using var bot = new BotHarness();
        await bot.PostAsync(bot.Message("log 90m answered questions in the platform channel"));
        var preview = bot.SentCards()[^1];
        var data = Tap(preview, "Save");
        data["category"] = "knowledge-sharing";

        var saved = await bot.InvokeCardAsync(bot.Invoke("saveLog", data));
        Assert.AreEqual("knowledge-sharing", (await bot.StoredAsync()).Single().Record.Confirmation!.CategoryId);

        var removed = await bot.InvokeCardAsync(bot.Invoke(Verb(saved, "Remove it"), Tap(saved, "Remove it")));
        StringAssert.Contains(BotHarness.Notice(removed), "Removed: answered questions in the platform channel");
        Assert.IsEmpty(await bot.StoredAsync());
    }

    [TestMethod]
    [DataRow("log onboarding guide", "How long did it take?")]
    [DataRow("log 3 days onboarding guide", "log each day's work on its own")]
    [DataRow("log 2h", "Say what the work was")]
    public async Task A_log_message_that_cannot_be_read_gets_a_clear_message_and_stores_nothing(string message, string says)
    {
        await using var bot = new BotHarness();

        await bot.PostAsync(bot.Message(message));

        var card = bot.SentCards()[^1];
        StringAssert.Contains(BotHarness.Texts(card), "Nothing was logged");
        StringAssert.Contains(BotHarness.Notice(card), says);
        Assert.IsEmpty(await bot.StoredAsync());
    }

    [TestMethod]
    public async Task A_10_KB_log_message_gets_a_clear_message_and_stores_nothing()
    {
        await using var bot = new BotHarness();

        await bot.PostAsync(bot.Message("log 2h " + new string('x', 10 * 1024)));

        StringAssert.Contains(BotHarness.Notice(bot.SentCards()[^1]), "a log entry can be at most 4,096");
        Assert.IsEmpty(await bot.StoredAsync());
        await bot.PostAsync(bot.Message("help"));
        Assert.HasCount(2, bot.SentCards(), "the bot still answers");
    }

    [TestMethod]
    public async Task Forged_save_data_is_read_again_and_refused_with_nothing_stored()
    {
        await using var bot = new BotHarness();
        await bot.PostAsync(bot.Message(Guide));
        var preview = bot.SentCards()[^1];

        var badCategory = Tap(preview, "Save");
        badCategory["category"] = "world-domination";
        var refused = await bot.InvokeCardAsync(bot.Invoke("saveLog", badCategory));
        var tooLong = Tap(preview, "Save");
        tooLong["log"] = "log 2h " + new string('x', 10 * 1024);
        var tooLongCard = await bot.InvokeCardAsync(bot.Invoke("saveLog", tooLong));
        var tooMuch = Tap(preview, "Save");
        tooMuch["log"] = "log 48h everything";
        var tooMuchCard = await bot.InvokeCardAsync(bot.Invoke("saveLog", tooMuch));

        StringAssert.Contains(BotHarness.Notice(refused), "'world-domination' is not a glue-work category. Nothing was logged.");
        StringAssert.Contains(BotHarness.Notice(tooLongCard), "a log entry can be at most 4,096");
        StringAssert.Contains(BotHarness.Notice(tooMuchCard), "more than 12 h");
        Assert.IsEmpty(await bot.StoredAsync());
    }

    [TestMethod]
    public async Task Last_week_and_week_of_a_date_show_that_week_and_an_unreadable_date_says_so()
    {
        await using var bot = new BotHarness();
        var monday = BotHarness.ThisWeek.AddWeeks(-3).Monday;

        await bot.PostAsync(bot.Message("last week"));
        await bot.PostAsync(bot.Message($"week of {monday.AddDays(2):yyyy-MM-dd}"));
        await bot.PostAsync(bot.Message("Week of " + monday.AddDays(1).ToString("d MMM", System.Globalization.CultureInfo.InvariantCulture)));
        await bot.PostAsync(bot.Message("week of the big launch"));
        await bot.PostAsync(bot.Message("week of 2019-01-07"));
        await bot.PostAsync(bot.Message("dance"));

        var cards = bot.SentCards();
        StringAssert.Contains(BotHarness.Texts(cards[^6]), "Your glue work, week " + BotHarness.ThisWeek.Previous);
        StringAssert.Contains(BotHarness.Texts(cards[^5]), "Your glue work, week " + BotHarness.ThisWeek.AddWeeks(-3));
        StringAssert.Contains(BotHarness.Texts(cards[^4]), "Your glue work, week " + BotHarness.ThisWeek.AddWeeks(-3));
        StringAssert.Contains(BotHarness.Notice(cards[^3]), "I couldn't read \"the big launch\" as a date");
        StringAssert.Contains(BotHarness.Notice(cards[^2]), "more than two years ago");
        StringAssert.Contains(BotHarness.Notice(cards[^1]), "I didn't understand \"dance\"");
        StringAssert.Contains(BotHarness.Texts(cards[^1]), "last week", "the help card lists the new commands");
    }
}
