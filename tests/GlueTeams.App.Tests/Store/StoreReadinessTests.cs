using System.Net;
using System.Text.Json.Nodes;
using GlueTeams.App.Bot;
using GlueTeams.App.Store;
using GlueTeams.App.Tests.Bot;
using GlueTeams.App.Tests.Hosting;
using GlueTeams.Storage.Retention;
using GlueTeams.Testing;
using GlueTeams.App.Extensions;
using Microsoft.Extensions.DependencyInjection;

namespace GlueTeams.App.Tests.Store;

/// <summary>
/// The store-readiness items only the running app can show (the manifest's own items are checked by the node suite
/// manifest/tools/store-readiness.test.js): the privacy, terms and support URLs answer, their text matches what the
/// code does, and the welcome and help cards say what the store asks of a bot's first message and help.
/// </summary>
[TestClass]
public sealed class StoreReadinessTests
{
    private const string PublicUrl = "https://glue.contoso.com";
    private const string SupportEmail = "glue-support@contoso.com";
    private const string GraphClientId = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Store:PublicUrl"] = PublicUrl,
        ["Store:SupportEmail"] = SupportEmail,
    };

    private static JsonObject Manifest() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Azurite.RepositoryRoot(), "manifest", "manifest.json")))!.AsObject();

    private static IEnumerable<string> ManifestCommands() =>
        Manifest()["bots"]![0]!["commandLists"]![0]!["commands"]!.AsArray().Select(c => (string)c!["title"]!);

    /// <summary>The path of each page URL in the manifest: https://${{DOMAIN}}/privacy → /privacy.</summary>
    private static IEnumerable<string> ManifestPagePaths()
    {
        var developer = Manifest()["developer"]!;
        return new[] { "privacyUrl", "termsOfUseUrl", "websiteUrl" }.Select(key => new Uri(((string)developer[key]!).Replace("${{DOMAIN}}", "glue.contoso.com", StringComparison.Ordinal)).AbsolutePath);
    }

    [TestMethod]
    public async Task Every_page_the_manifest_links_answers_200_with_html_and_no_sign_in()
    {
        await using var app = new AppFactory(Settings);
        using var client = app.CreateClient();

        var paths = ManifestPagePaths().ToList();

        CollectionAssert.AreEquivalent(new[] { StoreLinks.PrivacyPath, StoreLinks.TermsPath, StoreLinks.SupportPath }, paths);
        foreach (var path in paths)
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            var html = await response.Content.ReadAsStringAsync();
            Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, path);
            Assert.AreEqual("text/html", response.Content.Headers.ContentType?.MediaType, path);
            StringAssert.Contains(html, "<h1>", path);
            Assert.DoesNotContain("{{", html, $"{path} has an unfilled placeholder");
            StringAssert.Contains(html, $"mailto:{SupportEmail}", $"{path} names the contact");
        }
        Assert.AreEqual(HttpStatusCode.OK, (await client.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode, "the app still serves");
    }

    [TestMethod]
    public async Task The_privacy_page_states_the_retention_the_purge_applies_who_sees_what_and_how_to_delete()
    {
        await using var app = new AppFactory(Settings);
        using var client = app.CreateClient();

        var html = await client.GetStringAsync(new Uri(StoreLinks.PrivacyPath, UriKind.Relative));

        StringAssert.Contains(html, $"{RetentionPolicy.Default.Unconfirmed.TotalDays:0} days");
        StringAssert.Contains(html, $"{RetentionPolicy.Default.Confirmed.TotalDays / 365:0} years");
        StringAssert.Contains(html, $"{RetentionPolicy.Default.Claims.TotalDays:0} days");
        StringAssert.Contains(html, "delete my data");
        StringAssert.Contains(html, "Who viewed my data");
        StringAssert.Contains(html, "not sharing");
        foreach (var permission in new[] { "Calendars.ReadBasic.All", "User.Read.All", "MailboxSettings.Read" })
        {
            StringAssert.Contains(html, permission);
        }
    }

    [TestMethod]
    public async Task The_support_page_lists_every_command_of_the_manifest_and_without_a_mailbox_points_at_the_help_desk()
    {
        await using var app = new AppFactory(new Dictionary<string, string?> { ["Store:PublicUrl"] = PublicUrl });
        using var client = app.CreateClient();

        var html = await client.GetStringAsync(new Uri(StoreLinks.SupportPath, UriKind.Relative));

        foreach (var command in ManifestCommands())
        {
            StringAssert.Contains(html, $"<td>{command}</td>");
        }
        StringAssert.Contains(html, "IT help desk");
        Assert.DoesNotContain("mailto:", html);
    }

    [TestMethod]
    public async Task The_welcome_card_lists_the_commands_the_cadence_the_tabs_admin_consent_and_support()
    {
        await using var bot = new BotHarness(Settings);
        var install = bot.Install();
        install["localTimezone"] = "Europe/Paris";

        await bot.PostAsync(install);

        AssertAbout(bot.SentCards().Single(), "Welcome to Glueprint", "Your card comes on Friday at 15:00, your time (Europe/Paris)");
    }

    [TestMethod]
    public async Task The_help_card_lists_the_same_and_follows_the_users_own_card_time()
    {
        await using var bot = new BotHarness(Settings);
        await bot.PostAsync(bot.Install());
        var profile = (await bot.Users.GetAsync(BotHarness.TenantId, BotHarness.UserId))!;
        await bot.Users.UpsertAsync(profile with { CardDay = DayOfWeek.Monday, CardTime = new TimeOnly(9, 30) });

        await bot.PostAsync(bot.Message("help"));

        AssertAbout(bot.SentCards()[^1], "Glueprint commands", "Your card comes on Monday at 09:30");
    }

    private static void AssertAbout(JsonObject card, string title, string cadence)
    {
        var texts = BotHarness.Texts(card);
        StringAssert.Contains(texts, title);
        foreach (var command in ManifestCommands())
        {
            Assert.IsTrue(card["body"]!.AsArray().Any(e => (string?)e!["type"] == "FactSet" && e["facts"]!.AsArray().Any(f => (string?)f!["title"] == command)), $"the card lists \"{command}\"");
        }
        StringAssert.Contains(texts, cadence);
        foreach (var tab in Manifest()["staticTabs"]!.AsArray().Select(t => (string?)t!["name"]).OfType<string>())
        {
            StringAssert.Contains(texts, tab);
        }
        StringAssert.Contains(texts, "admin grants once for your organisation");
        StringAssert.Contains(texts, $"({PublicUrl}/support)");
        StringAssert.Contains(texts, $"({PublicUrl}/privacy)");
        Assert.IsLessThanOrEqualTo(6, card["actions"]!.AsArray().Count, "the store allows at most six actions on a card");
    }

    [TestMethod]
    public async Task Every_command_of_the_manifest_and_a_greeting_is_understood()
    {
        await using var bot = new BotHarness(Settings);

        foreach (var text in ManifestCommands().Concat(["Hi", "hello!", "<at>Glueprint</at> help"]))
        {
            await bot.PostAsync(bot.Message(text));
            Assert.IsNull(BotHarness.Notice(bot.SentCards()[^1]), $"\"{text}\" is answered as a command");
        }
    }

    [TestMethod]
    public async Task An_unknown_command_gets_the_help_card_saying_what_was_not_understood_shortened_and_the_bot_still_answers()
    {
        await using var bot = new BotHarness(Settings);

        await bot.PostAsync(bot.Message("make me a sandwich"));
        await bot.PostAsync(bot.Message("x" + new string('y', 5000)));
        await bot.PostAsync(bot.Message("help"));

        var cards = bot.SentCards();
        Assert.AreEqual("I didn't understand \"make me a sandwich\". Here is what I can do.", BotHarness.Notice(cards[0]));
        StringAssert.Contains(BotHarness.Texts(cards[0]), "Glueprint commands");
        Assert.IsLessThan(100, BotHarness.Notice(cards[1])!.Length, "the echo of a long message is shortened");
        Assert.IsNull(BotHarness.Notice(cards[2]));
    }

    [TestMethod]
    public async Task Every_message_the_bot_sends_carries_a_notification_summary()
    {
        await using var bot = new BotHarness(Settings);
        await bot.PostAsync(bot.Install());
        await bot.SeedAsync(("Design review", "design-review", null));
        await bot.PostAsync(bot.Message("this week"));
        await bot.PostAsync(bot.Message("summary"));
        var profile = (await bot.Users.GetAsync(BotHarness.TenantId, BotHarness.UserId))!;
        await bot.App.Services.GetRequiredService<GlueTeams.Storage.Schedule.CardScheduleStore>()
            .ScheduleAsync(profile.TenantId, profile.UserId, TestClock.Shared.GetUtcNow().AddMinutes(-1));
        await bot.App.Services.GetRequiredService<WeeklyCardScheduler>().SendDueAsync(CancellationToken.None);
        await bot.DrainOutboxAsync(); // the scheduler queues the card; the outbox worker sends it

        // Messages only: the typing indicator before "this week" is an activity of its own kind, with nothing to notify.
        var sent = bot.App.Connector.Requests.Select(r => JsonNode.Parse(r.Body)!).Where(m => (string?)m["type"] == "message").ToList();

        Assert.HasCount(4, sent);
        Assert.AreEqual("Welcome to Glueprint", (string?)sent[0]["summary"]);
        Assert.AreEqual($"Your glue work, week {BotHarness.ThisWeek}", (string?)sent[1]["summary"]);
        Assert.IsTrue(sent.All(m => ((string?)m["summary"])?.Length > 0), "every message has a summary");
        Assert.AreEqual($"Your glue work, week {BotHarness.ThisWeek}", (string?)sent[3]["summary"], "the weekly card, sent proactively");
    }

    [TestMethod]
    [DataRow("https://glue.contoso.com/app", null)]
    [DataRow("glue.contoso.com", null)]
    [DataRow("ftp://glue.contoso.com", null)]
    [DataRow(PublicUrl, "not an address")]
    public void A_public_url_with_a_path_or_without_a_web_scheme_or_a_bad_support_address_is_refused_at_start(string url, string? email)
    {
        var problems = new StoreOptions { PublicUrl = new Uri(url, UriKind.RelativeOrAbsolute), SupportEmail = email }.Problems().ToList();

        Assert.HasCount(1, problems);
        StringAssert.Contains(problems[0], email is null ? "Store:PublicUrl" : "Store:SupportEmail");
        Assert.IsEmpty(new StoreOptions { PublicUrl = new Uri(PublicUrl), SupportEmail = SupportEmail }.Problems());
    }

    [TestMethod]
    public void A_bad_store_setting_stops_the_app_with_one_line_naming_it()
    {
        using var app = new AppFactory(new Dictionary<string, string?> { ["Store:PublicUrl"] = "https://glue.contoso.com/app" });
        var errors = new StringWriter();

        Assert.IsFalse(GlueTeams.App.Extensions.Settings.Check(app.Services, errors));
        StringAssert.Contains(errors.ToString(), "GlueTeams cannot start: Store:PublicUrl must be");
    }

    [TestMethod]
    public void Without_a_public_url_the_cards_have_no_page_links_and_the_admin_consent_link_names_the_tenant_and_client()
    {
        var links = StoreLinks.Of(new StoreOptions(), GraphClientId);

        Assert.IsNull(links.Support);
        Assert.AreEqual($"https://login.microsoftonline.com/contoso-tenant/adminconsent?client_id={GraphClientId}", links.AdminConsent("contoso-tenant")!.AbsoluteUri);
        Assert.AreEqual("https://login.microsoftonline.com/a%2Fb%3Fc/adminconsent?client_id=" + GraphClientId, links.AdminConsent("a/b?c")!.AbsoluteUri, "a tenant id cannot change the URL's shape");
        Assert.IsNull(new StoreLinks(null, null, null).AdminConsent("t"));
    }
}
