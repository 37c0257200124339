using GlueTeams.Simulator.Tokens;
using GlueTeams.Teams.Activities;
using GlueTeams.Teams.Auth;
using GlueTeams.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace GlueTeams.Teams.Tests.Auth;

/// <summary>Real RS256 tokens from the development issuer, whose metadata and keys are served over loopback HTTP.</summary>
[TestClass]
public sealed class BotTokenValidatorTests
{
    private const string AppId = "11111111-2222-3333-4444-555555555555";

    private static readonly FakeTimeProvider Time = new(new DateTimeOffset(2026, 11, 20, 14, 0, 0, TimeSpan.Zero));
    private static DevTokenIssuerHost s_host = null!;
    private static HttpClient s_http = null!;

    [ClassInitialize]
    public static async Task StartIssuer(TestContext _)
    {
        s_host = await DevTokenIssuerHost.StartAsync(Time);
        s_http = new HttpClient();
    }

    [ClassCleanup]
    public static async Task StopIssuer()
    {
        s_http.Dispose();
        await s_host.DisposeAsync();
    }

    private static BotTokenValidator Validator(string? appId = AppId, string? tenantId = null) =>
        new(Options.Create(new BotOptions { AppId = appId, TenantId = tenantId, OpenIdMetadataUrl = s_host.BotMetadataUrl }), s_http, Time);

    private static string Token(Func<TokenRequest, TokenRequest>? change = null, string serviceUrl = Samples.ServiceUrl) =>
        "Bearer " + s_host.Issuer.MintBotToken(AppId, serviceUrl, change);

    private static async Task<BotAuthResult> Validate(string? authorization, InboundActivity? activity = null, BotTokenValidator? validator = null) =>
        await (validator ?? Validator()).ValidateAsync(authorization, activity ?? Samples.Inbound(), CancellationToken.None);

    private static void AssertRefused(BotAuthFailure expected, BotAuthResult result) =>
        Assert.AreEqual(expected, (result as BotAuthResult.Refused)?.Failure, result.ToString());

    [TestMethod]
    public async Task A_valid_connector_token_is_accepted_with_its_claims()
    {
        var result = await Validate(Token());

        var accepted = result as BotAuthResult.Accepted;
        Assert.IsNotNull(accepted, result.ToString());
        Assert.IsFalse(accepted.IsAnonymous);
        Assert.AreEqual(Samples.ServiceUrl, accepted.Identity!.FindFirst("serviceurl")?.Value);
    }

    [TestMethod]
    public async Task A_token_expired_within_the_five_minute_skew_is_accepted()
    {
        var result = await Validate(Token(r => r with { NotBefore = Time.GetUtcNow().AddHours(-1), Expires = Time.GetUtcNow().AddMinutes(-4) }));

        Assert.IsInstanceOfType<BotAuthResult.Accepted>(result, result.ToString());
    }

    [TestMethod]
    public async Task An_expired_token_is_refused() =>
        AssertRefused(BotAuthFailure.Expired, await Validate(Token(r => r with { NotBefore = Time.GetUtcNow().AddHours(-1), Expires = Time.GetUtcNow().AddMinutes(-6) })));

    [TestMethod]
    public async Task A_token_not_yet_valid_is_refused() =>
        AssertRefused(BotAuthFailure.NotYetValid, await Validate(Token(r => r with { NotBefore = Time.GetUtcNow().AddMinutes(10), Expires = Time.GetUtcNow().AddHours(1) })));

    [TestMethod]
    public async Task A_token_for_another_audience_is_refused() =>
        AssertRefused(BotAuthFailure.WrongAudience, await Validate(Token(r => r with { Audience = "another-bot" })));

    [TestMethod]
    public async Task A_token_from_another_issuer_is_refused() =>
        AssertRefused(BotAuthFailure.WrongIssuer, await Validate(Token(r => r with { Issuer = "https://sts.windows.net/evil/" })));

    [TestMethod]
    public async Task A_token_signed_by_a_key_the_metadata_does_not_publish_is_refused() =>
        AssertRefused(BotAuthFailure.BadSignature, await Validate(Token(r => r with { SignWithUnknownKey = true })));

    [TestMethod]
    public async Task An_unsigned_alg_none_token_is_refused() =>
        AssertRefused(BotAuthFailure.BadSignature, await Validate(Token(r => r with { AlgNone = true })));

    [TestMethod]
    public async Task A_token_without_a_serviceurl_claim_is_refused() =>
        AssertRefused(BotAuthFailure.ServiceUrlMismatch, await Validate(Token(r => r with { Claims = new Dictionary<string, object> { ["appid"] = "x" } })));

    [TestMethod]
    public async Task A_token_for_another_service_url_is_refused() =>
        AssertRefused(BotAuthFailure.ServiceUrlMismatch, await Validate(Token(serviceUrl: "https://smba.trafficmanager.net/emea/")));

    [TestMethod]
    public async Task An_activity_from_a_channel_the_key_is_not_endorsed_for_is_refused() =>
        AssertRefused(BotAuthFailure.ChannelNotEndorsed, await Validate(Token(), Samples.Inbound(channelId: "webchat")));

    [TestMethod]
    public async Task A_single_tenant_bot_refuses_an_activity_from_another_tenant() =>
        AssertRefused(BotAuthFailure.WrongTenant, await Validate(Token(), Samples.Inbound(tenantId: "99999999-0000-0000-0000-000000000000"), Validator(tenantId: Samples.TenantId)));

    [TestMethod]
    public async Task An_anonymous_single_tenant_bot_also_refuses_another_tenant() =>
        AssertRefused(BotAuthFailure.WrongTenant, await Validate(null, Samples.Inbound(tenantId: "99999999-0000-0000-0000-000000000000"), Validator(appId: null, tenantId: Samples.TenantId)));

    [TestMethod]
    public async Task A_single_tenant_registration_serving_many_tenants_accepts_another_tenants_activity() =>
        Assert.IsInstanceOfType<BotAuthResult.Accepted>(await Validate(Token(), Samples.Inbound(tenantId: "99999999-0000-0000-0000-000000000000"),
            new BotTokenValidator(Options.Create(new BotOptions { AppId = AppId, TenantId = Samples.TenantId, ServesManyTenants = true, OpenIdMetadataUrl = s_host.BotMetadataUrl }), s_http, Time)));

    [TestMethod]
    public async Task A_single_tenant_bot_accepts_its_own_tenant() =>
        Assert.IsInstanceOfType<BotAuthResult.Accepted>(await Validate(Token(), validator: Validator(tenantId: Samples.TenantId.ToUpperInvariant())));

    [TestMethod]
    [DataRow(null)]
    [DataRow("")]
    [DataRow("Bearer ")]
    [DataRow("Basic dXNlcjpwYXNz")]
    public async Task A_request_without_a_bearer_token_is_refused(string? authorization) =>
        AssertRefused(BotAuthFailure.MissingToken, await Validate(authorization));

    [TestMethod]
    public async Task A_garbage_bearer_token_is_refused() =>
        AssertRefused(BotAuthFailure.Malformed, await Validate("Bearer not.a.jwt"));

    [TestMethod]
    public async Task Without_an_app_id_traffic_is_accepted_as_anonymous()
    {
        var result = await Validate(null, validator: Validator(appId: null));

        Assert.IsTrue((result as BotAuthResult.Accepted)?.IsAnonymous);
    }
}
