using System.Net;
using GlueTeams.App.Tests.Bot;
using GlueTeams.Storage.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace GlueTeams.App.Tests.Privacy;

/// <summary>Tenant and user ids from bot activities pass the same check as the tab API's: none can name a reserved key.</summary>
[TestClass]
public sealed class BotIdTests
{
    [TestMethod]
    [DataRow(BotHarness.TenantId, "~tenant", DisplayName = "the old tenant audit key as a user id")]
    [DataRow(BotHarness.TenantId, AuditLog.TenantSubject, DisplayName = "the tenant audit key as a user id")]
    [DataRow(BotHarness.TenantId, "user/../other", DisplayName = "a path")]
    [DataRow(BotHarness.TenantId, "00000000-0000-0000-0000-0000000000020'", DisplayName = "a quote")]
    [DataRow("tenant|x", BotHarness.UserId, DisplayName = "a tenant with a key separator")]
    public async Task UnsafeBotIds_Are400_AndTouchNothing(string tenantId, string userId)
    {
        await using var bot = new BotHarness();
        await bot.App.Services.GetRequiredService<AuditLog>().AppendAsync(BotHarness.TenantId, AuditLog.TenantSubject, AuditLog.SystemActor, "user-data-erased", "1 records");

        var response = await bot.PostAsync(bot.Invoke("confirmDelete", tenantId: tenantId, userId: userId));

        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode, await response.Content.ReadAsStringAsync());
        Assert.HasCount(1, await bot.App.Services.GetRequiredService<AuditLog>().ListAsync(BotHarness.TenantId, AuditLog.TenantSubject), "the tenant's audit entries stay");
        Assert.AreEqual(0, await BotHarness.CountAsync(bot.Tables.Claims), "not even a claim is written");
        Assert.AreEqual(0, await BotHarness.CountAsync(bot.Tables.Users));
        // The app still serves a real user afterwards.
        Assert.AreEqual(HttpStatusCode.OK, (await bot.PostAsync(bot.Install())).StatusCode);
    }
}
