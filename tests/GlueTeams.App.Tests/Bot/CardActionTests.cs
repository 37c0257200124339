using System.Text.Json.Nodes;
using GlueTeams.Core.Records;
using GlueTeams.Storage.Activities;

namespace GlueTeams.App.Tests.Bot;

/// <summary>adaptiveCard/action invokes against records seeded in Azurite: what is written, and what is refused.</summary>
[TestClass]
public sealed class CardActionTests
{
    private static Dictionary<string, string> Row(StoredRecord record, params (string Key, string Value)[] more)
    {
        var data = new Dictionary<string, string> { ["id"] = record.Id, ["etag"] = record.ETag.ToString(), ["week"] = BotHarness.ThisWeek.ToString() };
        foreach (var (key, value) in more)
        {
            data[key] = value;
        }
        return data;
    }

    /// <summary>The Confirm all data as the card carries it, with the inputs the user left or changed.</summary>
    private static JsonObject ConfirmAllData(JsonObject card)
    {
        var confirmAll = card["actions"]!.AsArray().Single(a => (string?)a!["verb"] == "confirmAll")!;
        var data = confirmAll["data"]!.DeepClone().AsObject();
        foreach (var input in Inputs(card))
        {
            data[(string)input["id"]!] = (string)input["value"]!;
        }
        return data;
    }

    private static IEnumerable<JsonObject> Inputs(JsonNode node) => node switch
    {
        JsonObject o when ((string?)o["type"])?.StartsWith("Input.", StringComparison.Ordinal) == true => [o],
        JsonObject o => o.SelectMany(p => p.Value is null ? [] : Inputs(p.Value)),
        JsonArray a => a.SelectMany(e => e is null ? [] : Inputs(e)),
        _ => [],
    };

    [TestMethod]
    public async Task A_card_from_before_the_one_click_week_still_confirms_with_the_categories_chosen_on_it()
    {
        await using var bot = new BotHarness();
        var seeded = await bot.SeedAsync(("Mentoring with Sam", "mentoring", null), ("Retro", "process", "s"), ("Retro", "process", "s"), ("Lunch", "not-glue", null));
        var card = await bot.InvokeCardAsync(bot.Invoke("page"));
        var data = ConfirmAllData(card);
        // The old card had a category choice and a multiplier toggle per row; its Confirm all sent them along.
        data["cat:" + seeded[0].Id] = "onboarding";
        data["impact:" + seeded[1].Id] = "multiplier";

        var updated = await bot.InvokeCardAsync(bot.InvokeJson("confirmAll", data));

        StringAssert.Contains(BotHarness.Notice(updated), "Confirmed 3 items");
        var stored = await bot.StoredAsync();
        Assert.IsTrue(stored.All(r => r.Record.Status == ActivityStatus.Confirmed));
        CollectionAssert.AreEqual(new[] { "onboarding", "process", "process", "not-glue" }, stored.Select(r => r.Record.Confirmation!.CategoryId).ToArray());
        Assert.AreEqual(Impact.Multiplier, stored[2].Record.Confirmation!.Impact);
        Assert.IsFalse(stored[0].Record.Confirmation!.SharedWithManager, "nothing is shared before the user answers");
        StringAssert.Contains(BotHarness.Texts(updated), GlueTeams.Core.Categories.GlueCategories.Onboarding.Marker + " ✓ Onboarding", "the category marker of the one palette");
    }

    [TestMethod]
    public async Task Another_users_record_id_is_refused_and_nothing_is_written()
    {
        await using var bot = new BotHarness();
        var theirs = (await bot.SeedForAsync(BotHarness.TenantId, "other-user", ("1:1 with Kim", "mentoring", null))).Single();

        var card = await bot.InvokeCardAsync(bot.Invoke("confirm", Row(theirs)));

        StringAssert.Contains(BotHarness.Notice(card), "not in your GlueTeams data");
        Assert.AreEqual(ActivityStatus.Suggested, (await bot.StoredAsync(BotHarness.TenantId, "other-user")).Single().Record.Status);
    }

    [TestMethod]
    public async Task Another_tenants_record_id_is_refused_and_nothing_is_written()
    {
        const string otherTenant = "99999999-0000-0000-0000-000000000001";
        await using var bot = new BotHarness();
        var theirs = (await bot.SeedForAsync(otherTenant, BotHarness.UserId, ("Interview loop", "hiring", null))).Single();

        var card = await bot.InvokeCardAsync(bot.Invoke("saveDetails", Row(theirs, ("category", "hiring"))));

        StringAssert.Contains(BotHarness.Notice(card), "not in your GlueTeams data");
        Assert.AreEqual(ActivityStatus.Suggested, (await bot.StoredAsync(otherTenant, BotHarness.UserId)).Single().Record.Status);
    }

    [TestMethod]
    public async Task Confirm_all_naming_another_users_record_writes_nothing_at_all()
    {
        await using var bot = new BotHarness();
        var mine = (await bot.SeedAsync(("Brown bag", "knowledge-sharing", null))).Single();
        var theirs = (await bot.SeedForAsync(BotHarness.TenantId, "other-user", ("1:1 with Kim", "mentoring", null))).Single();
        var data = new JsonObject { ["etags"] = new JsonObject { [mine.Id] = mine.ETag.ToString(), [theirs.Id] = theirs.ETag.ToString() } };

        var card = await bot.InvokeCardAsync(bot.InvokeJson("confirmAll", data));

        StringAssert.Contains(BotHarness.Notice(card), "not in your GlueTeams data");
        Assert.AreEqual(ActivityStatus.Suggested, (await bot.StoredAsync()).Single().Record.Status);
        Assert.AreEqual(ActivityStatus.Suggested, (await bot.StoredAsync(BotHarness.TenantId, "other-user")).Single().Record.Status);
    }

    /// <summary>Forged, malformed and oversized "etags" in Confirm week, each with what the card must say.</summary>
    private static readonly (string Case, Action<JsonObject> Forge, string Says)[] ForgedETags =
    [
        ("not an object", data => data["etags"] = "W/\"datetime'2026-11-20T10%3A00%3A00.0000000Z'\"", "its rows' versions are not a list of rows"),
        ("an array", data => data["etags"] = new JsonArray("a", "b"), "its rows' versions are not a list of rows"),
        ("a number for a row", data => data["etags"]![First(data)] = 42, "a row's version is not text"),
        ("null for a row", data => data["etags"]![First(data)] = null, "a row's version is not text"),
        ("an object for a row", data => data["etags"]![First(data)] = new JsonObject { ["etag"] = "x" }, "a row's version is not text"),
        ("an over-long version", data => data["etags"]![First(data)] = new string('x', 40_000), "than a card can carry"),
        ("more rows than the card had", data =>
        {
            for (var i = 0; i < 1_000; i++)
            {
                data["etags"]![$"{BotHarness.ThisWeek}|forged-{i:D4}"] = "W/\"datetime'2026-11-20T10%3A00%3A00.0000000Z'\"";
            }
        }, "than a card can carry"),
        ("an unknown record id", data => data["etags"]![$"{BotHarness.ThisWeek}|no-such-event"] = "W/\"x\"", "not in your GlueTeams data"),
        ("a record id of another week", data => data["etags"]![$"{BotHarness.ThisWeek.AddWeeks(-1)}|event-000"] = "W/\"x\"", "not in your GlueTeams data"),
    ];

    private static string First(JsonObject data) => data["etags"]!.AsObject().First().Key;

    [TestMethod]
    public async Task Forged_malformed_or_oversized_etags_in_confirm_week_are_refused_on_the_card_and_change_nothing()
    {
        await using var bot = new BotHarness();
        await bot.SeedAsync(("Mentoring with Sam", "mentoring", null), ("Retro", "process", "s"), ("Retro", "process", "s"));
        var before = await bot.StoredAsync();
        var card = await bot.InvokeCardAsync(bot.Invoke("page"));

        foreach (var (name, forge, says) in ForgedETags)
        {
            var data = ConfirmAllData(card);
            forge(data);

            var answer = await bot.InvokeCardAsync(bot.InvokeJson("confirmAll", data));

            StringAssert.Contains(BotHarness.Notice(answer), says, name);
            CollectionAssert.AreEqual(before.Select(r => r.ETag).ToList(), (await bot.StoredAsync()).Select(r => r.ETag).ToList(), name + ": nothing was written");
            StringAssert.Contains(BotHarness.Texts(answer), "Your glue work, week " + BotHarness.ThisWeek, name + ": the week as stored");
        }

        // A row named twice (JSON allows it; a dictionary does not).
        var twice = bot.InvokeJson("confirmAll", ConfirmAllData(card)).ToJsonString()
            .Replace("\"etags\":{", "\"etags\":{" + System.Text.Json.JsonSerializer.Serialize(before[0].Id) + ":\"W/x\",", StringComparison.Ordinal);
        using (var response = await bot.PostAsync(twice))
        {
            var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["value"]!.AsObject();
            StringAssert.Contains(BotHarness.Notice(answer), "it names a row twice");
        }
        CollectionAssert.AreEqual(before.Select(r => r.ETag).ToList(), (await bot.StoredAsync()).Select(r => r.ETag).ToList(), "nothing was written");

        // The app still serves: the card as sent confirms the week.
        var confirmed = await bot.InvokeCardAsync(bot.InvokeJson("confirmAll", ConfirmAllData(card)));
        StringAssert.Contains(BotHarness.Notice(confirmed), "Confirmed 2 items");
        Assert.IsTrue((await bot.StoredAsync()).All(r => r.Record.Status == ActivityStatus.Confirmed));
    }

    [TestMethod]
    public async Task A_card_from_before_the_typed_etags_is_answered_with_a_fresh_card_and_changes_nothing()
    {
        await using var bot = new BotHarness();
        var seeded = await bot.SeedAsync(("Mentoring with Sam", "mentoring", null), ("Brown bag", "knowledge-sharing", null));
        // Such a card carried one "etag:<record id>" key per row beside the week and the page.
        var old = new Dictionary<string, string> { ["week"] = BotHarness.ThisWeek.ToString(), ["page"] = "0" };
        foreach (var record in seeded)
        {
            old["etag:" + record.Id] = record.ETag.ToString();
        }

        var fresh = await bot.InvokeCardAsync(bot.Invoke("confirmAll", old));

        StringAssert.Contains(BotHarness.Notice(fresh), "This card is out of date, so nothing was saved: here is a fresh one");
        Assert.IsTrue((await bot.StoredAsync()).All(r => r.Record.Status == ActivityStatus.Suggested), "nothing was confirmed");
        var confirmed = await bot.InvokeCardAsync(bot.InvokeJson("confirmAll", ConfirmAllData(fresh)));
        StringAssert.Contains(BotHarness.Notice(confirmed), "Confirmed 2 items", "the fresh card confirms with one click");
        Assert.IsTrue((await bot.StoredAsync()).All(r => r.Record.Status == ActivityStatus.Confirmed));
    }

    [TestMethod]
    public async Task An_unknown_verb_gets_a_card_with_an_error()
    {
        await using var bot = new BotHarness();

        var card = await bot.InvokeCardAsync(bot.Invoke("dropTables"));

        StringAssert.Contains(BotHarness.Notice(card), "\"dropTables\" is not an action Glueprint knows");
    }

    [TestMethod]
    public async Task An_unknown_category_is_refused_inline_and_nothing_is_written()
    {
        await using var bot = new BotHarness();
        var row = (await bot.SeedAsync(("Mentoring with Sam", "mentoring", null))).Single();

        var card = await bot.InvokeCardAsync(bot.Invoke("confirm", Row(row, ("cat:" + row.Id, "world-domination"))));

        StringAssert.Contains(BotHarness.Notice(card), "'world-domination' is not a glue-work category");
        Assert.AreEqual(row.ETag, (await bot.StoredAsync()).Single().ETag);
    }

    [TestMethod]
    public async Task A_100_KB_note_is_refused_on_the_details_card_and_nothing_is_written()
    {
        await using var bot = new BotHarness();
        var row = (await bot.SeedAsync(("Onboarding Priya", "onboarding", null))).Single();

        var card = await bot.InvokeCardAsync(bot.Invoke("saveDetails", Row(row, ("category", "onboarding"), ("note", new string('n', 100 * 1024)))));

        var json = card.ToJsonString();
        StringAssert.Contains(json, "The note is 102400 characters long; the limit is 500.");
        StringAssert.Contains(BotHarness.Notice(card), "Nothing was saved");
        Assert.IsLessThan(10_000, json.Length, "the note is not echoed back in full");
        Assert.AreEqual(row.ETag, (await bot.StoredAsync()).Single().ETag);
    }

    [TestMethod]
    public async Task A_bad_artifact_link_is_refused_inline()
    {
        await using var bot = new BotHarness();
        var row = (await bot.SeedAsync(("Design review", "design-review", null))).Single();

        var card = await bot.InvokeCardAsync(bot.Invoke("saveDetails", Row(row, ("category", "design-review"), ("artifactLink", "javascript:alert(1)"))));

        StringAssert.Contains(card.ToJsonString(), "The artifact link must be a full https:// address.");
        Assert.AreEqual(row.ETag, (await bot.StoredAsync()).Single().ETag);
    }

    [TestMethod]
    public async Task Details_are_saved_with_the_artifact_the_note_and_delegated()
    {
        await using var bot = new BotHarness();
        var row = (await bot.SeedAsync(("Onboarding Priya", "onboarding", null))).Single();

        var details = await bot.InvokeCardAsync(bot.Invoke("details", Row(row)));
        var card = await bot.InvokeCardAsync(bot.Invoke("saveDetails", Row(row, ("category", "onboarding"), ("impact", "multiplier"),
            ("artifactLink", "https://wiki.example.com/onboarding"), ("artifactTitle", "Onboarding guide"), ("note", "Ramp-up in 2 weeks"), ("delegated", "true"))));

        StringAssert.Contains(details.ToJsonString(), "Details: Onboarding Priya");
        StringAssert.Contains(BotHarness.Notice(card), "Saved the details");
        var confirmation = (await bot.StoredAsync()).Single().Record.Confirmation!;
        Assert.AreEqual(new Uri("https://wiki.example.com/onboarding"), confirmation.ArtifactLink);
        Assert.AreEqual("Onboarding guide", confirmation.ArtifactTitle);
        Assert.AreEqual(Impact.Multiplier, confirmation.Impact);
        Assert.IsTrue(confirmation.Delegated);
    }

    [TestMethod]
    public async Task A_stale_etag_returns_the_fresh_card_with_a_note_and_writes_nothing()
    {
        await using var bot = new BotHarness();
        var row = (await bot.SeedAsync(("Mentoring with Sam", "mentoring", null))).Single();
        // Another device confirms first.
        await bot.InvokeCardAsync(bot.Invoke("notGlue", Row(row)));
        var current = (await bot.StoredAsync()).Single();

        var card = await bot.InvokeCardAsync(bot.Invoke("confirm", Row(row, ("cat:" + row.Id, "mentoring"))));

        StringAssert.Contains(BotHarness.Notice(card), "changed since the card was shown");
        Assert.AreEqual(current.ETag, (await bot.StoredAsync()).Single().ETag);
        Assert.AreEqual("not-glue", (await bot.StoredAsync()).Single().Record.Confirmation!.CategoryId);
        StringAssert.Contains(BotHarness.Texts(card), current.ETag.ToString(), "the fresh card carries the current version");
    }

    [TestMethod]
    public async Task Undo_returns_a_row_to_its_suggestion()
    {
        await using var bot = new BotHarness();
        var row = (await bot.SeedAsync(("Retro", "process", null))).Single();
        await bot.InvokeCardAsync(bot.Invoke("confirm", Row(row)));
        var confirmed = (await bot.StoredAsync()).Single();

        await bot.InvokeCardAsync(bot.Invoke("undo", Row(confirmed)));

        Assert.AreEqual(ActivityStatus.Suggested, (await bot.StoredAsync()).Single().Record.Status);
    }

    [TestMethod]
    public async Task Sharing_answer_and_settings_are_saved_and_invalid_settings_are_refused_inline()
    {
        await using var bot = new BotHarness();
        await bot.PostAsync(bot.Install());

        await bot.InvokeCardAsync(bot.Invoke("share", new Dictionary<string, string> { ["choice"] = "share" }));
        var refused = await bot.InvokeCardAsync(bot.Invoke("saveSettings", new Dictionary<string, string>
        {
            ["cardDay"] = "Funday", ["cardTime"] = "25:00", ["timeZone"] = "Mars/Olympus", ["sharing"] = "share", ["paused"] = "false",
        }));
        var afterRefusal = await bot.Users.GetAsync(BotHarness.TenantId, BotHarness.UserId);
        var saved = await bot.InvokeCardAsync(bot.Invoke("saveSettings", new Dictionary<string, string>
        {
            ["cardDay"] = "Monday", ["cardTime"] = "09:30", ["timeZone"] = "Europe/Berlin", ["sharing"] = "private", ["paused"] = "true",
        }));

        var json = refused.ToJsonString();
        StringAssert.Contains(json, "Choose a day of the week.");
        StringAssert.Contains(json, "Enter a time such as 15:00.");
        StringAssert.Contains(json, "Use a time zone name such as Europe/Paris.");
        Assert.IsTrue(afterRefusal!.SharingDefault);
        Assert.AreEqual(DayOfWeek.Friday, afterRefusal.CardDay);
        StringAssert.Contains(BotHarness.Notice(saved), "Saved");
        var profile = await bot.Users.GetAsync(BotHarness.TenantId, BotHarness.UserId);
        Assert.AreEqual(DayOfWeek.Monday, profile!.CardDay);
        Assert.AreEqual(new TimeOnly(9, 30), profile.CardTime);
        Assert.AreEqual("Europe/Berlin", profile.TimeZoneId);
        Assert.IsFalse(profile.SharingDefault);
        Assert.IsTrue(profile.Paused);
        Assert.AreEqual(1, await BotHarness.CountAsync(bot.Tables.Schedule), "the card moved to the new day, not added");
    }

    [TestMethod]
    public async Task Delete_my_data_asks_first_then_erases_everything_and_shows_the_counts()
    {
        await using var bot = new BotHarness();
        await bot.PostAsync(bot.Install());
        await bot.SeedAsync(("Retro", "process", null), ("Interview", "hiring", null));

        var ask = await bot.InvokeCardAsync(bot.Invoke("deleteData"));
        Assert.AreEqual(2, (await bot.StoredAsync()).Count, "asking deletes nothing");
        var done = await bot.InvokeCardAsync(bot.Invoke("confirmDelete"));

        StringAssert.Contains(ask.ToJsonString(), "confirmDelete");
        var facts = done["body"]![1]!["facts"]!.AsArray().ToDictionary(f => (string)f!["title"]!, f => (string)f!["value"]!);
        Assert.AreEqual("2", facts["Records"]);
        Assert.AreEqual("deleted", facts["Profile"]);
        Assert.IsEmpty(await bot.StoredAsync());
        Assert.IsNull(await bot.Users.GetAsync(BotHarness.TenantId, BotHarness.UserId));
    }
}
