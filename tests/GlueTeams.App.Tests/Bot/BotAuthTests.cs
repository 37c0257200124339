using System.Net;
using GlueTeams.Simulator.Tokens;
using GlueTeams.Testing;

namespace GlueTeams.App.Tests.Bot;

/// <summary>POST /api/messages with real signed Bot Connector tokens from the development issuer, served over loopback.</summary>
[TestClass]
public sealed class BotAuthTests
{
    private static DevTokenIssuerHost s_issuer = null!;

    [ClassInitialize]
    public static async Task StartIssuer(TestContext _) => s_issuer = await DevTokenIssuerHost.StartAsync();

    [ClassCleanup]
    public static async Task StopIssuer() => await s_issuer.DisposeAsync();

    private static BotHarness Harness() => SignedBot.Harness(s_issuer);

    private static string Bearer(Func<TokenRequest, TokenRequest>? change = null, string serviceUrl = BotHarness.ServiceUrl) =>
        SignedBot.Bearer(s_issuer, change, serviceUrl);

    [TestMethod]
    public async Task A_valid_token_is_accepted_the_user_stored_and_welcomed()
    {
        await using var bot = Harness();

        using var response = await bot.PostAsync(bot.Install(), Bearer());

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());
        Assert.IsNotNull(await bot.Users.GetAsync(BotHarness.TenantId, BotHarness.UserId));
        var sent = bot.App.Connector.Requests.Single();
        StringAssert.StartsWith(sent.Uri.AbsoluteUri, BotHarness.ServiceUrl + "v3/conversations/");
        Assert.AreEqual("Bearer connector-token", sent.Authorization);
    }

    public static IEnumerable<object[]> Refusals()
    {
        // Times are read when the token is minted, not when the cases are listed: with classes in parallel a case may
        // run minutes after discovery, and "ten minutes ahead" would fall inside the five-minute clock skew.
        yield return ["no token", (Func<string?>)(() => null)];
        yield return ["expired", () => Bearer(r => r with { NotBefore = TestClock.Shared.GetUtcNow().AddHours(-2), Expires = TestClock.Shared.GetUtcNow().AddMinutes(-10) })];
        yield return ["not yet valid", () => Bearer(r => r with { NotBefore = TestClock.Shared.GetUtcNow().AddMinutes(10), Expires = TestClock.Shared.GetUtcNow().AddHours(1) })];
        yield return ["wrong audience", () => Bearer(r => r with { Audience = "99999999-0000-0000-0000-000000000000" })];
        yield return ["wrong issuer", () => Bearer(r => r with { Issuer = "https://login.example.org" })];
        yield return ["unknown key", () => Bearer(r => r with { SignWithUnknownKey = true })];
        yield return ["alg none", () => Bearer(r => r with { AlgNone = true })];
        yield return ["serviceurl claim missing", () => Bearer(r => r with { Claims = r.Claims.Where(c => c.Key != "serviceurl").ToDictionary() })];
        yield return ["serviceurl claim different", () => Bearer(serviceUrl: "https://smba.trafficmanager.net/emea/")];
    }

    [TestMethod]
    [DynamicData(nameof(Refusals))]
    public async Task A_bad_token_gets_401_and_nothing_is_written_or_sent(string situation, Func<string?> authorization)
    {
        await using var bot = Harness();

        using var response = await bot.PostAsync(bot.Install(), authorization());

        Assert.AreEqual(HttpStatusCode.Unauthorized, response.StatusCode, situation);
        Assert.AreEqual(0, await BotHarness.CountAsync(bot.Tables.Users), situation);
        Assert.AreEqual(0, await BotHarness.CountAsync(bot.Tables.Claims), situation);
        Assert.AreEqual(0, await BotHarness.CountAsync(bot.Tables.Schedule), situation);
        Assert.IsEmpty(bot.App.Connector.Requests, situation);
    }

    [TestMethod]
    public async Task A_forged_service_url_outside_the_allow_list_gets_no_request_and_no_token()
    {
        const string forged = "https://connector.attacker.example/amer/";
        await using var bot = Harness();

        // The token is valid and names the forged URL: only the allow-list stands between it and an outbound call.
        using var response = await bot.PostAsync(bot.Install(forged), Bearer(serviceUrl: forged));

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.IsEmpty(bot.App.Connector.Requests);
        Assert.AreEqual(0, bot.App.Tokens.Calls);
    }
}
