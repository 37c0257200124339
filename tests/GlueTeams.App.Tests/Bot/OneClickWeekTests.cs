using System.Text.Json.Nodes;
using GlueTeams.Core.Records;
using GlueTeams.Storage.Activities;

namespace GlueTeams.App.Tests.Bot;

/// <summary>The weekly card as a ten-second job: one Confirm week, unsure rows first, sure not-glue rows in one line.</summary>
[TestClass]
public sealed class OneClickWeekTests
{
    private sealed record Meeting(string Title, string Category, double Confidence, string? Series = null, Impact Impact = Impact.OneOff, string? ImpactReason = null);

    private static async Task<IReadOnlyList<StoredRecord>> SeedAsync(BotHarness bot, params Meeting[] meetings)
    {
        var monday = BotHarness.ThisWeek.Bounds(TimeZoneInfo.Utc).Start;
        await bot.Activities.UpsertObservedAsync(meetings.Select((m, i) => new ActivityRecord
        {
            TenantId = BotHarness.TenantId,
            UserId = BotHarness.UserId,
            EventKey = $"event-{i:D3}",
            SeriesId = m.Series,
            Week = BotHarness.ThisWeek,
            Start = monday.AddHours(8 + i),
            End = monday.AddHours(8 + i).AddMinutes(30),
            Title = m.Title,
            AttendeeCount = 3,
            Suggestion = new Suggestion(m.Category, m.Confidence, $"the title reads like {m.Category}", m.Impact, m.ImpactReason),
        }).ToList());
        return await bot.StoredAsync();
    }

    private static JsonObject ConfirmWeek(JsonObject card) =>
        card["actions"]!.AsArray().Single(a => (string?)a!["title"] == "Confirm week")!.AsObject();

    /// <summary>"Confirm week"'s data as the card carries it, to send back (a copy: the card stays as it was).</summary>
    private static JsonObject ConfirmWeekData(JsonObject card) => ConfirmWeek(card)["data"]!.DeepClone().AsObject();

    private static Dictionary<string, string> Data(JsonNode action) =>
        action["data"]!.AsObject().ToDictionary(p => p.Key, p => (string)p.Value!);

    /// <summary>The row containers of the card in order (those a tap opens the details of).</summary>
    private static List<JsonObject> Rows(JsonNode node) => node switch
    {
        JsonObject o when (string?)o["selectAction"]?["verb"] == "details" => [o],
        JsonObject o => [.. o.SelectMany(p => p.Value is null ? [] : Rows(p.Value))],
        JsonArray a => [.. a.SelectMany(e => e is null ? [] : Rows(e))],
        _ => [],
    };

    private static readonly Meeting[] DemoLikeWeek =
    [
        new("Daily standup", "not-glue", 0.95, "standup"), new("Daily standup", "not-glue", 0.95, "standup"), new("Daily standup", "not-glue", 0.95, "standup"),
        new("Daily standup", "not-glue", 0.95, "standup"), new("Daily standup", "not-glue", 0.95, "standup"),
        new("Focus", "not-glue", 0.85), new("Focus", "not-glue", 0.85),
        new("Design review: payments", "design-review", 0.9),
        new("Platform office hours", "mentoring", 0.8, null, Impact.Multiplier, "office hours help whoever comes"),
        new("1:1 with Kim", "mentoring", 0.6),
    ];

    [TestMethod]
    public async Task Unsure_rows_come_first_with_their_confidence_and_sure_not_glue_rows_are_one_line()
    {
        await using var bot = new BotHarness();
        await SeedAsync(bot, DemoLikeWeek);

        var card = await bot.InvokeCardAsync(bot.Invoke("page"));

        var texts = BotHarness.Texts(card);
        var rows = Rows(card);
        Assert.AreEqual("1:1 with Kim", (string?)rows[0]["items"]![0]!["text"], "the unsure row comes first");
        StringAssert.Contains(BotHarness.Texts(rows[0]), "Mentoring? 60% sure");
        StringAssert.Contains(texts, "7 not glue work: Daily standup ×5, Focus ×2 — change");
        StringAssert.Contains(texts, "Platform office hours");
        StringAssert.Contains(texts, "multiplier: office hours help whoever comes");
        StringAssert.Contains(texts, "0 of 6 rows confirmed", "the totals count rows, as the card shows them");
        Assert.IsLessThanOrEqualTo(6, card["actions"]!.AsArray().Count, "Teams' guidance: at most 6 actions");
        Assert.IsFalse(card.ToJsonString().Contains("Input.", StringComparison.Ordinal), "no per-row inputs on the week card");
    }

    [TestMethod]
    public async Task Confirm_week_confirms_every_row_as_suggested_in_one_action_keeping_a_suggested_multiplier()
    {
        await using var bot = new BotHarness();
        await SeedAsync(bot, DemoLikeWeek);
        var card = await bot.InvokeCardAsync(bot.Invoke("page"));

        var updated = await bot.InvokeCardAsync(bot.InvokeJson("confirmAll", ConfirmWeekData(card)));

        StringAssert.Contains(BotHarness.Notice(updated), "Confirmed 6 items");
        var stored = await bot.StoredAsync();
        Assert.IsTrue(stored.All(r => r.Record.Status == ActivityStatus.Confirmed), string.Join(", ", stored.Select(r => r.Record.Title + " " + r.Record.Status)));
        Assert.IsTrue(stored.All(r => r.Record.Confirmation!.CategoryId == r.Record.Suggestion!.CategoryId));
        Assert.AreEqual(Impact.Multiplier, stored.Single(r => r.Record.Title == "Platform office hours").Record.Confirmation!.Impact);
        Assert.AreEqual(Impact.OneOff, stored.Single(r => r.Record.Title == "1:1 with Kim").Record.Confirmation!.Impact);
        StringAssert.Contains(BotHarness.Texts(updated), "6 of 6 rows confirmed");
        StringAssert.Contains(BotHarness.Texts(updated), "Every row of this week is confirmed");
        Assert.IsFalse(updated["actions"]!.AsArray().Any(a => (string?)a!["title"] == "Confirm week"), "nothing is left to confirm");
    }

    [TestMethod]
    public async Task Confirm_week_on_the_first_page_confirms_the_rows_of_every_page()
    {
        await using var bot = new BotHarness();
        await SeedAsync(bot, [.. Enumerable.Range(0, 90).Select(i => new Meeting($"Design review of service {i} with a rather long title to take up room", "design-review", 0.9))]);
        var card = await bot.InvokeCardAsync(bot.Invoke("page"));
        StringAssert.Contains(BotHarness.Texts(card), "Page 1 of ");
        Assert.IsLessThan(90, Rows(card).Count, "the week is split into pages");

        var updated = await bot.InvokeCardAsync(bot.InvokeJson("confirmAll", ConfirmWeekData(card)));

        StringAssert.Contains(BotHarness.Notice(updated), "Confirmed 90 items");
        Assert.IsTrue((await bot.StoredAsync()).All(r => r.Record.Status == ActivityStatus.Confirmed));
        var rowsBefore = Rows(card).Select(r => (string?)r["selectAction"]!["data"]!["id"]).ToList();
        var rowsAfter = Rows(updated).Select(r => (string?)r["selectAction"]!["data"]!["id"]).ToList();
        CollectionAssert.AreEqual(rowsBefore, rowsAfter, "rows stay on their page after confirming");
    }

    [TestMethod]
    public async Task A_row_changed_since_the_card_and_a_row_that_appeared_since_are_not_confirmed_and_are_named()
    {
        await using var bot = new BotHarness();
        var seeded = await SeedAsync(bot, new Meeting("Design review: payments", "design-review", 0.9), new Meeting("Retro", "process", 0.9));
        var card = await bot.InvokeCardAsync(bot.Invoke("page"));
        // Meanwhile a re-sync changes the retro and brings a new meeting.
        await bot.Activities.UpsertObservedAsync(seeded[1].Record with { Title = "Retro (moved)" });
        await bot.SeedAsync(("Interview loop", "hiring", null));

        var updated = await bot.InvokeCardAsync(bot.InvokeJson("confirmAll", ConfirmWeekData(card)));

        var notice = BotHarness.Notice(updated)!;
        StringAssert.Contains(notice, "Confirmed 1 item");
        StringAssert.Contains(notice, "changed since this card was shown: Retro (moved) on");
        StringAssert.Contains(notice, "Not on this card, so not confirmed: Interview loop");
        var stored = await bot.StoredAsync();
        Assert.AreEqual(ActivityStatus.Confirmed, stored.Single(r => r.Record.Title == "Design review: payments").Record.Status);
        Assert.AreEqual(ActivityStatus.Suggested, stored.Single(r => r.Record.Title == "Retro (moved)").Record.Status);
        Assert.AreEqual(ActivityStatus.Suggested, stored.Single(r => r.Record.Title == "Interview loop").Record.Status);
    }

    [TestMethod]
    public async Task Tapping_a_row_opens_its_details_with_the_suggestion_and_saving_confirms_it()
    {
        await using var bot = new BotHarness();
        await SeedAsync(bot, DemoLikeWeek);
        var card = await bot.InvokeCardAsync(bot.Invoke("page"));
        var kim = Rows(card)[0]["selectAction"]!;

        var details = await bot.InvokeCardAsync(bot.Invoke((string)kim["verb"]!, Data(kim)));
        var data = Data(kim);
        data["category"] = "not-glue";
        var saved = await bot.InvokeCardAsync(bot.Invoke("saveDetails", data));

        StringAssert.Contains(BotHarness.Texts(details), "Details: 1:1 with Kim");
        StringAssert.Contains(BotHarness.Texts(details), "Suggested Mentoring (60% sure)");
        StringAssert.Contains(BotHarness.Notice(saved), "Saved the details of 1:1 with Kim");
        Assert.AreEqual("not-glue", (await bot.StoredAsync()).Single(r => r.Record.Title == "1:1 with Kim").Record.Confirmation!.CategoryId);
    }

    [TestMethod]
    public async Task A_forged_row_in_confirm_week_writes_nothing_at_all()
    {
        await using var bot = new BotHarness();
        await SeedAsync(bot, DemoLikeWeek);
        var card = await bot.InvokeCardAsync(bot.Invoke("page"));
        var data = ConfirmWeekData(card);
        data["etags"]![BotHarness.ThisWeek + "|someone-elses-event"] = "W/\"datetime'2026-11-20T10%3A00%3A00.0000000Z'\"";

        var updated = await bot.InvokeCardAsync(bot.InvokeJson("confirmAll", data));

        StringAssert.Contains(BotHarness.Notice(updated), "not in your GlueTeams data");
        Assert.IsTrue((await bot.StoredAsync()).All(r => r.Record.Status == ActivityStatus.Suggested));
    }
}
