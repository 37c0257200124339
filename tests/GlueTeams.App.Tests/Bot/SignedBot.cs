using GlueTeams.Simulator.Tokens;
using GlueTeams.Testing;

namespace GlueTeams.App.Tests.Bot;

/// <summary>A bot app that requires real signed Bot Connector tokens, and the development issuer that signs them (over loopback).</summary>
internal static class SignedBot
{
    public const string AppId = "11111111-2222-3333-4444-555555555555";

    public static BotHarness Harness(DevTokenIssuerHost issuer) => new(new Dictionary<string, string?>
    {
        ["Bot:AppId"] = AppId,
        ["Bot:AppPassword"] = "unused: the tests replace the token source",
        ["Bot:OpenIdMetadataUrl"] = issuer.BotMetadataUrl.AbsoluteUri,
    });

    public static string Bearer(DevTokenIssuerHost issuer, Func<TokenRequest, TokenRequest>? change = null, string serviceUrl = BotHarness.ServiceUrl) =>
        "Bearer " + issuer.Issuer.MintBotToken(AppId, serviceUrl, r => TestClock.Shared.ValidOnBothClocks(change is null ? r : change(r)));
}
