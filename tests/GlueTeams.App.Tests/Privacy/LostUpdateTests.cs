using System.Text.Json.Nodes;
using GlueTeams.App.Tests.Bot;
using GlueTeams.Core.Records;

namespace GlueTeams.App.Tests.Privacy;

/// <summary>"No edit is ever silently lost": a series row on the weekly card confirms only what it showed.</summary>
[TestClass]
public sealed class LostUpdateTests
{
    private static JsonObject ConfirmAllData(JsonObject card) =>
        card["actions"]!.AsArray().Single(a => (string?)a!["verb"] == "confirmAll")!["data"]!.AsObject().DeepClone().AsObject();

    [TestMethod]
    public async Task SeriesRow_ConfirmsOnlyOccurrencesUnchangedSinceTheCard_AndSaysWhichWereSkipped()
    {
        await using var bot = new BotHarness();
        var seeded = await bot.SeedAsync(("Design sync", "design-review", "series-1"), ("Design sync", "design-review", "series-1"), ("Design sync", "design-review", "series-1"));
        var card = await bot.InvokeCardAsync(bot.Invoke("page"));
        var data = ConfirmAllData(card);
        Assert.AreEqual(3, ((string)data["etags"]![seeded[0].Id]!).Split(' ').Length, "the card carries every occurrence's ETag");

        // Meanwhile, in the tab, the second occurrence is confirmed with another category and a note.
        var tuesday = seeded[1];
        var edited = await bot.Activities.ReplaceAsync(tuesday with
        {
            Record = tuesday.Record with
            {
                Status = ActivityStatus.Confirmed,
                Confirmation = new Confirmation("mentoring", Impact.Multiplier, null, null, "Paired with the new hire", false, false, TestClock.Shared.GetUtcNow()),
            },
        });
        Assert.IsInstanceOfType<GlueTeams.Storage.Activities.WriteResult.Written>(edited);

        var updated = await bot.InvokeCardAsync(bot.InvokeJson("confirmAll", data));

        var notice = BotHarness.Notice(updated)!;
        StringAssert.Contains(notice, "Not confirmed, because they changed since this card was shown: Design sync on");
        var stored = await bot.StoredAsync();
        Assert.AreEqual("design-review", stored[0].Record.Confirmation!.CategoryId);
        Assert.AreEqual("design-review", stored[2].Record.Confirmation!.CategoryId);
        Assert.AreEqual("mentoring", stored[1].Record.Confirmation!.CategoryId, "the tab's edit is kept");
        Assert.AreEqual("Paired with the new hire", stored[1].Record.Confirmation!.OutcomeNote);

        // The single-row Confirm on the old card: same rule.
        var single = await bot.InvokeCardAsync(bot.Invoke("undo", new Dictionary<string, string>
        {
            ["id"] = seeded[0].Id, ["etag"] = (string)data["etags"]![seeded[0].Id]!, ["week"] = BotHarness.ThisWeek.ToString(),
        }));
        StringAssert.Contains(BotHarness.Notice(single), "changed since the card was shown, so nothing was saved", "every occurrence changed since the old card: nothing is undone");
        Assert.IsTrue((await bot.StoredAsync()).All(r => r.Record.Status == ActivityStatus.Confirmed));
    }
}
