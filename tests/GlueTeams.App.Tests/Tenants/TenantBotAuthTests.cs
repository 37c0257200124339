using System.Net;
using GlueTeams.App.Tests.Bot;

namespace GlueTeams.App.Tests.Tenants;

/// <summary>
/// A multi-tenant deployment with an authenticated single-tenant bot registration (new Azure bots are single-tenant;
/// Bot:TenantId is its home): real Bot Connector tokens from any organisation pass, and the registry decides who is served.
/// </summary>
[TestClass]
public sealed class TenantBotAuthTests
{
    private const string AppId = "11111111-2222-3333-4444-555555555555";
    private const string HomeTenant = "99999999-9999-4999-8999-999999999999";

    [TestMethod]
    public async Task Any_organisations_activity_with_a_valid_token_reaches_the_registry_gate()
    {
        await using var host = await TenantsHost.StartAsync(registered: [TenantsHost.B], more: new Dictionary<string, string?>
        {
            ["Bot:AppId"] = AppId,
            ["Bot:AppPassword"] = "unused: the tests replace the token source",
            ["Bot:TenantId"] = HomeTenant,
        });
        string Bearer() => "Bearer " + host.Simulator.Issuer.MintBotToken(AppId, BotHarness.ServiceUrl);

        using var served = await host.Bot.PostAsync(host.Message(TenantsHost.B, host.OrgB.DemoUser.Id, "help").ToJsonString(), Bearer());
        using var notServed = await host.Bot.PostAsync(host.Message(TenantsHost.C, host.OrgA.DemoUser.Id, "help").ToJsonString(), Bearer());
        using var forged = await host.Bot.PostAsync(host.Message(TenantsHost.B, host.OrgB.DemoUser.Id, "help").ToJsonString(),
            "Bearer " + host.Simulator.Issuer.MintBotToken(AppId, BotHarness.ServiceUrl, r => r with { SignWithUnknownKey = true }));

        Assert.AreEqual(HttpStatusCode.OK, served.StatusCode, await served.Content.ReadAsStringAsync());
        Assert.AreEqual(HttpStatusCode.OK, notServed.StatusCode);
        Assert.AreEqual(HttpStatusCode.Unauthorized, forged.StatusCode);
        var cards = host.Bot.SentCards();
        Assert.HasCount(2, cards);
        StringAssert.Contains(BotHarness.Texts(cards[0]), "Glueprint commands");
        StringAssert.Contains(BotHarness.Texts(cards[1]), "Your admin hasn't granted Glueprint access to calendars yet.");
        StringAssert.Contains(BotHarness.Texts(cards[1]), $"https://glue.test/admin/consent?tenant={TenantsHost.C}");
        Assert.IsEmpty(await host.RowsOfAsync(TenantsHost.C), "nothing of an organisation that has not consented is stored");
    }
}
