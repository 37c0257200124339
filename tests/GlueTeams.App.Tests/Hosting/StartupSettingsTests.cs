using GlueTeams.Testing;

namespace GlueTeams.App.Tests.Hosting;

/// <summary>
/// The app as a real process: outside Development it refuses unsafe settings with one line naming the setting; every
/// command's --help works with no configuration; a missing or unreadable setting is one line, never a stack trace.
/// </summary>
[TestClass]
public sealed class StartupSettingsTests
{
    /// <summary>A Production configuration that starts: storage, and a bot with credentials.</summary>
    private static Dictionary<string, string> Production(params (string Key, string Value)[] more)
    {
        var storage = Azurite.NewStorageOptions();
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Storage__ConnectionString"] = storage.ConnectionString!,
            ["Storage__TablePrefix"] = storage.TablePrefix,
            ["Bot__AppId"] = "00000000-0000-0000-0000-00000000b07",
            ["Bot__AppPassword"] = "not-a-real-secret",
            ["Tabs__Audience"] = "api://glueteams",
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }
        return settings;
    }

    /// <summary>Exit code 2, and on stderr exactly one line, which names the setting; no stack trace anywhere.</summary>
    private static void AssertOneLineNaming(AppProcess.Run run, string setting)
    {
        var lines = run.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.AreEqual(2, run.ExitCode, run.Output + run.Errors);
        Assert.HasCount(1, lines, run.Errors);
        StringAssert.Contains(lines[0], setting);
        Assert.DoesNotContain("   at ", run.Output + run.Errors, "no stack trace");
    }

    [TestMethod]
    public async Task Production_with_safe_settings_starts()
    {
        var (process, url) = AppProcess.Start(Production());
        await using var _ = process;
        using var client = new HttpClient { BaseAddress = url };
        Assert.AreEqual(System.Net.HttpStatusCode.OK, (await client.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode, process.Output);
    }

    [TestMethod]
    [DataRow("Graph__DevTokenUrl", "http://127.0.0.1:5010/dev/graph/token", "Graph:DevTokenUrl is allowed only in Development")]
    [DataRow("Graph__BaseUrl", "http://graph.example.com/v1.0", "Graph:BaseUrl must be an https URL")]
    [DataRow("Graph__BaseUrl", "http://127.0.0.2:5010/v1.0", "Graph:BaseUrl must be an https URL")]
    [DataRow("Tabs__DevIssuerMetadataUrl", "http://localhost.:5010/dev/t/v2.0/.well-known/openid-configuration", "Tabs:DevIssuerMetadataUrl is allowed only in Development")]
    [DataRow("Tabs__DevTokenUrl", "http://127.0.0.2:5010/dev/token", "Tabs:DevTokenUrl is allowed only in Development")]
    [DataRow("Bot__OpenIdMetadataUrl", "http://login.botframework.com/v1/.well-known/openidconfiguration", "Bot:OpenIdMetadataUrl must be an https URL")]
    [DataRow("Bot__AllowedServiceUrlHosts__0", "127.0.0.2", "Bot:AllowedServiceUrlHosts lists a loopback host")]
    [DataRow("Bot__AllowedServiceUrlHosts__0", "localhost.", "Bot:AllowedServiceUrlHosts lists a loopback host")]
    [DataRow("Packet__LadderPath", "/nonexistent/ladder.json", "Packet:LadderPath names '/nonexistent/ladder.json', which does not exist")]
    [DataRow("Graph__Enabled", "true", "Graph:Enabled is true but no credential is set")]
    [DataRow("Clock__StartAt", "2026-03-11T12:00:00Z", "Clock:StartAt is allowed only in Development")]
    public async Task Production_refuses_an_unsafe_setting_in_one_line_naming_it(string key, string value, string line)
    {
        var settings = Production((key, value));
        if (key.StartsWith("Graph__", StringComparison.Ordinal) && key != "Graph__Enabled")
        {
            settings["Graph__Enabled"] = "true"; // Graph on, with a production credential
            settings["Graph__UseManagedIdentity"] = "true";
        }
        AssertOneLineNaming(await AppProcess.RunToExitAsync(settings), line);
    }

    [TestMethod]
    [DataRow("--help", "usage: GlueTeams.App")]
    [DataRow("sync --help", "usage: sync")]
    [DataRow("sync --week 2026-W48 -h", "usage: sync")]
    [DataRow("export --help", "usage: export")]
    [DataRow("classify --help", "usage: classify")]
    [DataRow("purge --help", "usage: purge")]
    public async Task Help_needs_no_configuration(string args, string usage)
    {
        var run = await AppProcess.RunToExitAsync(new Dictionary<string, string>(), args.Split(' '));
        Assert.AreEqual(0, run.ExitCode, run.Output + run.Errors);
        StringAssert.StartsWith(run.Output, usage);
        Assert.AreEqual("", run.Errors);
    }

    [TestMethod]
    [DataRow("sync --week 2026-W48", "Production")]
    [DataRow("export --user a@example.com --from 2026-11-02 --to 2026-11-29 --out /tmp/x", "Production")]
    [DataRow("purge --dry-run", "Production")]
    [DataRow("", "Development")]
    public async Task Missing_storage_is_one_line_naming_the_setting(string args, string environment)
    {
        var run = await AppProcess.RunToExitAsync(new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = environment },
            args.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        AssertOneLineNaming(run, "Storage:ConnectionString");
    }

    [TestMethod]
    [DataRow("Storage__MaxRetries", "many", "Storage:MaxRetries")]
    [DataRow("Storage__TablePrefix", "no-dashes", "Storage:TablePrefix")]
    [DataRow("Graph__PageSize", "0", "Graph:PageSize")]
    [DataRow("Graph__BaseUrl", "not a url", "Graph:BaseUrl")]
    [DataRow("Clock__StartAt", "next Wednesday", "Clock:StartAt")]
    public async Task An_unreadable_or_invalid_setting_is_one_line_naming_it(string key, string value, string setting)
    {
        var settings = Production((key, value));
        settings["ASPNETCORE_ENVIRONMENT"] = "Development";
        settings["Graph__Enabled"] = "true";
        settings["Graph__DevTokenUrl"] = "http://127.0.0.1:1/dev/graph/token";
        AssertOneLineNaming(await AppProcess.RunToExitAsync(settings, "sync", "--week", "2026-W48"), setting);
    }

    [TestMethod]
    [DataRow("export --user a@example.com --from 2026-11-02 --to 2026-11-29 --out /tmp/x")]
    [DataRow("purge --dry-run")]
    [DataRow("")]
    public async Task An_invalid_setting_stops_every_command_in_one_line_naming_it(string args)
    {
        var settings = Production(("Storage__MaxRetries", "many"));
        AssertOneLineNaming(await AppProcess.RunToExitAsync(settings, args.Split(' ', StringSplitOptions.RemoveEmptyEntries)), "Storage:MaxRetries");
    }

    [TestMethod]
    public async Task Sync_with_a_Graph_credential_but_Graph_not_enabled_says_so_in_one_line()
    {
        var settings = Production(("Graph__ClientId", "00000000-0000-0000-0000-0000000000c1"), ("Graph__ClientSecret", "not-a-real-secret"), ("Graph__TenantId", "t"));
        AssertOneLineNaming(await AppProcess.RunToExitAsync(settings, "sync", "--week", "2026-W48"), "Graph:Enabled");
    }

    [TestMethod]
    [DataRow("2026-03-11T12:00:00Z", "2026-W11")]
    [DataRow("2027-01-01T12:00:00+00:00", "2026-W53")]
    public async Task Clock_StartAt_in_Development_is_the_apps_now_so_this_week_is_that_instants_week(string startAt, string week)
    {
        const string audience = "api://glueteams-test";
        const string tenant = "00000000-0000-0000-0000-0000000000c1";
        await using var issuer = await DevTokenIssuerHost.StartAsync(apiAudience: audience);
        var storage = Azurite.NewStorageOptions();
        var (process, url) = AppProcess.Start(new Dictionary<string, string>
        {
            ["Storage__ConnectionString"] = storage.ConnectionString!,
            ["Storage__TablePrefix"] = storage.TablePrefix,
            ["Tabs__Audience"] = audience,
            ["Tabs__DevIssuerMetadataUrl"] = new Uri(issuer.BaseAddress, $"/dev/{tenant}/v2.0/.well-known/openid-configuration").AbsoluteUri,
            ["Clock__StartAt"] = startAt,
        });
        await using var _ = process;
        using var client = new HttpClient { BaseAddress = url };
        // Tab tokens are checked on the real clock (JwtBearer), so the issuer mints them on the real clock.
        client.DefaultRequestHeaders.Authorization = new("Bearer", issuer.Issuer.MintUserToken(tenant, "00000000-0000-0000-0000-0000000000e1", audience));

        using var response = await client.GetAsync(new Uri("/api/me/profile", UriKind.Relative));

        var body = await response.Content.ReadAsStringAsync();
        Assert.AreEqual(System.Net.HttpStatusCode.OK, response.StatusCode, body + process.Output);
        using var profile = System.Text.Json.JsonDocument.Parse(body);
        Assert.AreEqual(week, profile.RootElement.GetProperty("currentWeek").GetString(), "this week is the week of Clock:StartAt, not of the real clock");
        Assert.AreEqual("UTC", profile.RootElement.GetProperty("timeZone").GetString());
    }
}
