using Azure;
using GlueTeams.App.Bot;
using GlueTeams.App.Bot.Cards;
using GlueTeams.App.Store;
using GlueTeams.Core.Records;
using GlueTeams.Core.Summaries;
using GlueTeams.Core.Validation;
using GlueTeams.Core.Weeks;
using GlueTeams.Storage;
using GlueTeams.Storage.Activities;
using GlueTeams.Storage.Users;
using GlueTeams.Teams.Cards;
using GlueTeams.Testing;
using GlueTeams.Core.Users;

namespace GlueTeams.App.Tests.Bot;

/// <summary>Every card the bot can emit, checked by the adaptivecards library and against Teams' size limit.</summary>
[TestClass]
public sealed class CardCatalogTests
{
    private static readonly IsoWeek Week = new(2026, 47);
    private static readonly UserProfile Profile = new() { TenantId = "t", UserId = "u", TimeZoneId = "Europe/Paris" };
    private static readonly StoreLinks Links = new(new Uri("https://glue.contoso.com"), "glue-support@contoso.com", "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d");

    private static WeekView View(int rows) => new(Week, WeekRow.Group(Records(rows)),
        GlueSummary.Of(Records(rows).Select(r => r.Record)), TimeZoneInfo.Utc, "29:user-1");

    private static IEnumerable<StoredRecord> Records(int count)
    {
        var monday = Week.Bounds(TimeZoneInfo.Utc).Start;
        return Enumerable.Range(0, count).Select(i => new StoredRecord($"{Week}|event-{i:D3}", new ActivityRecord
        {
            TenantId = "t",
            UserId = "u",
            EventKey = $"event-{i:D3}",
            SeriesId = i < 3 ? "weekly-sync" : null,
            Week = Week,
            Start = monday.AddHours(i),
            End = monday.AddHours(i).AddMinutes(45),
            Title = i < 3 ? "Platform sync" : $"Design review of service {i} with a rather long title to take up room",
            Suggestion = new Suggestion(i % 2 == 0 ? "design-review" : "mentoring", 0.8, "the title says \"design review\""),
            Status = i % 5 == 4 ? ActivityStatus.Confirmed : ActivityStatus.Suggested,
            Confirmation = i % 5 == 4 ? new Confirmation("design-review", Impact.Multiplier, null, null, null, false, false, monday) : null,
        }, new ETag($"W/\"datetime'2026-11-20T10%3A00%3A{i % 60:D2}.0000000Z'\"")));
    }

    private static IEnumerable<(string Name, AdaptiveCard Card)> EveryCard()
    {
        var rows = View(8).Rows;
        yield return ("welcome", InfoCards.Welcome(Profile, Links));
        yield return ("welcome-answered", InfoCards.Welcome(Profile with { SharingDefault = true }, Links, Notice.Info("Saved.")));
        yield return ("welcome-no-public-url", InfoCards.Welcome(Profile, new StoreLinks(null, null, null)));
        yield return ("week-empty", WeekCard.Page(View(0), 0));
        yield return ("week", WeekCard.Page(View(8), 0, Notice.Info("Confirmed 8 items.")));
        yield return ("week-error", WeekCard.Page(View(8), 0, Notice.Error("That item is not in your GlueTeams data; nothing was changed.")));
        yield return ("week-nudge", WeekCard.Page(View(8) with { Nudge = new GlueTeams.Core.Evidence.Nudge("repeat:onboarding:person:0123456789abcdef",
            GlueTeams.Core.Evidence.NudgeKind.Repetition, "3rd onboarding session with the same colleague: would a guide help?") }, 0));
        var paged = View(120);
        for (var page = 0; page < WeekCard.Pages(paged).Count; page++)
        {
            yield return ($"week-page-{page}", WeekCard.Page(paged, page));
        }
        yield return ("details", DetailsCard.Build(rows[1], Week.ToString(), "0"));
        yield return ("details-errors", DetailsCard.Build(rows[1], Week.ToString(), "0", new TagInput("x", "sideways", "ftp://x", "t", "n", true),
            [new("category", "'x' is not a glue-work category."), new("impact", "Impact must be 'multiplier' or 'one-off'."), new("artifactLink", "The artifact link must be a full https:// address.")]));
        yield return ("settings", SettingsActions.Settings(Profile));
        yield return ("settings-errors", SettingsCard.Build(new SettingsInput(null, "25:00", "Mars/Olympus", null, "false"), Notice.Error("Nothing was saved."),
            new Dictionary<string, string> { ["cardDay"] = "Choose a day of the week.", ["cardTime"] = "Enter a time such as 15:00." }));
        yield return ("summary", InfoCards.Summary(PeriodSummary.Of(Week.AddWeeks(-4), Week, Records(8).Select(r => r.Record))));
        yield return ("help", InfoCards.Help(Profile, Links));
        yield return ("help-error", InfoCards.Help(Profile, Links, Notice.Error("\"x\" is not an action Glueprint knows.")));
        yield return ("delete-confirm", InfoCards.ConfirmDelete());
        yield return ("deleted", InfoCards.Deleted(new ErasureCounts(12, 1, 3, 4, true)));
        var log = WorkLogParser.ParseCommand("log 2h Onboarding guide https://wiki.contoso.com/eng/onboarding-guide").Value!;
        var suggestion = new Suggestion("onboarding", 0.8, "“onboarding” suggests Onboarding", Impact.Multiplier, "it produced an artifact (the link)");
        yield return ("log-preview", LogCard.Preview(log, suggestion, "log 2h Onboarding guide https://wiki.contoso.com/eng/onboarding-guide", "activity-1"));
        yield return ("log-preview-no-suggestion", LogCard.Preview(log with { Link = null }, null, "log 2h x", "activity-1", Notice.Error("Choose a category. Nothing was logged.")));
        yield return ("log-problem", LogCard.Problem("How long did it take?"));
        var logged = Records(1).Single() with { Id = $"{Week}|log-1" };
        logged = logged with { Record = logged.Record with { Source = ActivitySource.Manual, Status = ActivityStatus.Confirmed, Confirmation = new Confirmation("onboarding", Impact.Multiplier, log.Link, null, null, false, false, DateTimeOffset.UnixEpoch) } };
        yield return ("log-saved", LogCard.Saved(logged.Record, logged.Id, logged.ETag.ToString(), before: false));
        yield return ("log-cancelled", LogCard.Cancelled());
        yield return ("log-form", LogFormCard.Build(new LogForm("Answered a question about the deploy pipeline", "30m", "https://teams.microsoft.com/l/message/19:abc@thread.v2/1", null, null, "1"), suggestion));
        yield return ("log-form-errors", LogFormCard.Build(new LogForm("", "3 days", "javascript:x", "x", null, "1"), null,
            [new("duration", "A log entry is at most 12 h: log each day's work on its own."), new("link", "The link must be a full https:// address."), new("text", "Say what the work was.")]));
        yield return ("week-with-logged-work", WeekCard.Page(new WeekView(Week, WeekRow.Group([.. Records(6), logged]), GlueSummary.Of([.. Records(6).Select(r => r.Record), logged.Record]), TimeZoneInfo.Utc, "29:user-1"), 0));
    }

    [TestMethod]
    public void Every_card_parses_in_the_adaptivecards_library_without_errors()
    {
        var dir = Directory.CreateTempSubdirectory("glue-bot-cards-");
        try
        {
            var cards = EveryCard().ToList();
            foreach (var (name, card) in cards)
            {
                File.WriteAllText(Path.Combine(dir.FullName, name + ".json"), CardJson.Serialize(card));
            }

            var (exitCode, output) = CardCheck.Run(dir.FullName);

            Assert.AreEqual(0, exitCode, output);
            StringAssert.Contains(output, $"{cards.Count} of {cards.Count} cards parse without errors.");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [TestMethod]
    public void Every_card_fits_in_Teams()
    {
        foreach (var (name, card) in EveryCard())
        {
            Assert.IsTrue(CardJson.FitsInTeams(card), $"{name}: {CardJson.SizeInBytes(card)} bytes");
        }
    }

    /// <summary>
    /// The client writes each input's value into an action's data under the input's id, at the top level, over what the
    /// action carried: so no input may share a name with a data field, least of all "Confirm week"'s typed "etags".
    /// </summary>
    [TestMethod]
    public void No_input_is_named_like_a_field_of_an_actions_data()
    {
        foreach (var (name, card) in EveryCard())
        {
            var json = System.Text.Json.Nodes.JsonNode.Parse(CardJson.Serialize(card))!;
            var inputs = Nodes(json).Where(n => ((string?)n["type"])?.StartsWith("Input.", StringComparison.Ordinal) == true).Select(n => (string)n["id"]!).ToList();
            var fields = Nodes(json).Where(n => n["data"] is System.Text.Json.Nodes.JsonObject).SelectMany(n => n["data"]!.AsObject().Select(p => p.Key)).ToHashSet();

            Assert.IsFalse(inputs.Any(fields.Contains), $"{name}: the inputs {string.Join(", ", inputs.Where(fields.Contains))} are also data fields");
            Assert.DoesNotContain(Verbs.ETags, inputs, name);
        }
        var week = CardJson.Serialize(WeekCard.Page(View(8), 0));
        StringAssert.Contains(week, "\"etags\":{", "the week card carries the rows' ETags as one object");
    }

    private static IEnumerable<System.Text.Json.Nodes.JsonObject> Nodes(System.Text.Json.Nodes.JsonNode? node) => node switch
    {
        System.Text.Json.Nodes.JsonObject o => [o, .. o.SelectMany(p => Nodes(p.Value))],
        System.Text.Json.Nodes.JsonArray a => a.SelectMany(Nodes),
        _ => [],
    };

    [TestMethod]
    public void A_long_week_is_split_into_pages_that_show_every_row_once()
    {
        var view = View(120);

        var pages = WeekCard.Pages(view);

        Assert.IsGreaterThan(1, pages.Count);
        CollectionAssert.AreEqual(WeekRow.Ordered(view.Rows).Select(r => r.Id).ToList(), pages.SelectMany(p => p).Select(r => r.Id).ToList());
        var last = CardJson.Serialize(WeekCard.Page(view, pages.Count - 1));
        StringAssert.Contains(last, "Previous page");
        StringAssert.Contains(last, $"Page {pages.Count} of {pages.Count}");
        StringAssert.Contains(CardJson.Serialize(WeekCard.Page(view, 0)), "Next page");
    }
}
