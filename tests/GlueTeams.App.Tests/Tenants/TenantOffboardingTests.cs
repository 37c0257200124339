using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GlueTeams.App.Notifications;
using GlueTeams.App.Sync;
using GlueTeams.App.Tests.Bot;
using GlueTeams.Core.Weeks;
using GlueTeams.Simulator.Org;
using GlueTeams.Storage.Evidence;
using GlueTeams.Storage.Queues;
using GlueTeams.Storage.Tenants;
using GlueTeams.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GlueTeams.App.Tests.Tenants;

/// <summary>
/// POST /admin/tenants/{tid}/offboard by that tenant's administrator: afterwards nothing of the tenant is anywhere (no
/// row of any table, no queued item, no Graph subscription, no registry entry), and the other tenant is untouched.
/// </summary>
[TestClass]
public sealed class TenantOffboardingTests
{
    private const string GlobalAdministrator = "62e90394-69f5-4237-9190-012177145e10";
    private const string UserAdministrator = "fe930be7-5e62-47db-91af-98c3a49a38b1";

    /// <summary>
    /// Gives a tenant data in every table and queue: profiles, records, sync states, claims, schedule, audit, a subscription, a tombstone, queued work,
    /// and the evidence (a manager's acknowledgement, a dismissed nudge, an artifact's reach).
    /// </summary>
    private static async Task PopulateAsync(TenantsHost host, string tenantId, SimulatedOrg org)
    {
        var manager = org.Users.First(u => u.Role == OrgRole.Manager && u.DirectReportIds.Count >= 2);
        var engineer = org.Get(manager.DirectReportIds[0]);
        var leaver = org.Get(manager.DirectReportIds[1]);
        foreach (var user in new[] { manager, engineer, leaver })
        {
            await host.Bot.PostAsync(host.Install(tenantId, user.Id));
        }
        await host.Bot.PostAsync(host.Message(tenantId, engineer.Id, "this week"));
        await host.Bot.InvokeCardAsync(host.Bot.Invoke("confirmDelete", null, tenantId, leaver.Id));
        using var managerClient = host.ClientFor(tenantId, manager.Id);
        Assert.AreEqual(HttpStatusCode.OK, (await managerClient.GetAsync(new Uri("/api/team/summary", UriKind.Relative))).StatusCode);
        var profile = (await host.Users.GetAsync(tenantId, engineer.Id))!;
        Assert.IsNotNull(await host.App.Services.GetRequiredService<SubscriptionManager>().CreateAsync(profile));
        await host.App.Services.GetRequiredService<WorkQueue<SyncWorkItem>>().EnqueueAsync(
            new SyncWorkItem(tenantId, engineer.Id, IsoWeek.Containing(TestClock.Shared.GetUtcNow(), profile.TimeZone).ToString()));
        var week = IsoWeek.Containing(TestClock.Shared.GetUtcNow(), profile.TimeZone);
        await host.App.Services.GetRequiredService<AcknowledgementStore>().AddAsync(new Acknowledgement("", tenantId, engineer.Id, manager.Id, manager.DisplayName, null,
            week, week, "glue work this week", "Thank you for the onboarding guide.", TestClock.Shared.GetUtcNow(), Quoted: true));
        await host.App.Services.GetRequiredService<NudgeDismissals>().DismissAsync(tenantId, engineer.Id, "repeat|onboarding|new.hire@contoso.example");
        await host.App.Services.GetRequiredService<ArtifactReachStore>().PutAsync(new ArtifactReach(tenantId, engineer.Id,
            new Uri("https://contoso.sharepoint.com/sites/eng/Onboarding.docx"), ReachStatus.Known, 12, 5, TestClock.Shared.GetUtcNow()));
    }

    [TestMethod]
    public async Task Offboarding_B_leaves_nothing_of_B_anywhere_and_A_untouched()
    {
        await using var host = await TenantsHost.StartAsync(notifications: true);
        await PopulateAsync(host, TenantsHost.A, host.OrgA);
        await PopulateAsync(host, TenantsHost.B, host.OrgB);
        Assert.IsNotEmpty(await host.RowsOfAsync(TenantsHost.B));
        foreach (var table in new[] { host.Tables.Acknowledgements, host.Tables.Nudges, host.Tables.ArtifactReach })
        {
            Assert.IsTrue((await host.RowsOfAsync(TenantsHost.B)).Any(row => row.StartsWith(table.Name + ":", StringComparison.Ordinal)), table.Name);
        }
        var a = await host.SnapshotAsync(TenantsHost.A);
        var queue = host.App.Services.GetRequiredService<WorkQueue<SyncWorkItem>>();
        var admin = host.OrgB.Users.First(u => u.Role == OrgRole.Director);
        var subscriptionsOfA = host.Simulator.Tenant.Subscriptions.All.Select(s => s.Id).Order().ToList();
        Assert.IsNotEmpty(host.Simulator.SecondTenant.Subscriptions.All);

        using var client = host.ClientFor(TenantsHost.B, admin.Id, GlobalAdministrator);
        using var response = await client.PostAsync(new Uri($"/admin/tenants/{TenantsHost.B}/offboard", UriKind.Relative), null);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, body.ToJsonString());
        Assert.AreEqual(2, (int)body["removed"]!["profiles"]!, "the two remaining profiles (the leaver had erased theirs)");
        Assert.AreEqual(3, (int)body["removed"]!["evidence"]!, "the acknowledgement, the dismissed nudge and the artifact's reach");
        Assert.IsEmpty(await host.RowsOfAsync(TenantsHost.B), "no row of any table names B");
        Assert.DoesNotContain(TenantsHost.B, string.Join("\n", await queue.PeekTextsAsync()), "no queued sync of B");
        Assert.IsEmpty(host.Simulator.SecondTenant.Subscriptions.All, "B's subscriptions were ended at Graph");
        Assert.IsNull(await host.Registry.GetAsync(TenantsHost.B));
        CollectionAssert.AreEqual(a.ToList(), (await host.SnapshotAsync(TenantsHost.A)).ToList(), "not one row of A changed");
        Assert.Contains(TenantsHost.A, string.Join("\n", await queue.PeekTextsAsync()), "A's queued work stays");
        CollectionAssert.AreEqual(subscriptionsOfA, host.Simulator.Tenant.Subscriptions.All.Select(s => s.Id).Order().ToList(), "A's subscriptions stay");

        // B's users are now refused like any organisation that has not consented, and nothing of them is stored again.
        var engineerB = host.OrgB.Get(host.OrgB.Users.First(u => u.Role == OrgRole.Manager && u.DirectReportIds.Count >= 2).DirectReportIds[0]).Id;
        await host.Bot.PostAsync(host.Message(TenantsHost.B, engineerB, "this week"));
        StringAssert.Contains(BotHarness.Texts(host.Bot.SentCards()[^1]), "Your admin hasn't granted Glueprint access to calendars yet.");
        Assert.IsEmpty(await host.RowsOfAsync(TenantsHost.B));
        using var ada = host.ClientFor(TenantsHost.A, host.OrgA.DemoUser.Id);
        Assert.AreEqual(HttpStatusCode.OK, (await ada.GetAsync(new Uri("/api/me/summary", UriKind.Relative))).StatusCode, "the app still serves A");
    }

    [TestMethod]
    public async Task Only_an_administrator_of_that_tenant_may_offboard_it_and_a_refusal_changes_nothing()
    {
        await using var host = await TenantsHost.StartAsync();
        var bea = host.OrgB.DemoUser.Id;
        await host.Bot.PostAsync(host.Install(TenantsHost.B, bea));
        var before = await host.SnapshotAsync(TenantsHost.B);
        var path = new Uri($"/admin/tenants/{TenantsHost.B}/offboard", UriKind.Relative);

        using var anonymous = host.App.CreateClient();
        using var adminOfA = host.ClientFor(TenantsHost.A, host.OrgA.DemoUser.Id, GlobalAdministrator);
        using var userOfB = host.ClientFor(TenantsHost.B, bea);
        using var otherRole = host.ClientFor(TenantsHost.B, bea, UserAdministrator);
        using var forged = host.App.CreateClient();
        forged.DefaultRequestHeaders.Authorization = new("Bearer", host.Simulator.Issuer.MintUserToken(TenantsHost.B, bea, TenantsHost.Audience,
            change: r => TestClock.Shared.ValidOnBothClocks(r with { SignWithUnknownKey = true, Claims = new Dictionary<string, object>(r.Claims) { ["wids"] = new[] { GlobalAdministrator } } })));

        Assert.AreEqual(HttpStatusCode.Unauthorized, (await anonymous.PostAsync(path, null)).StatusCode);
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await forged.PostAsync(path, null)).StatusCode);
        Assert.AreEqual(HttpStatusCode.Forbidden, (await adminOfA.PostAsync(path, null)).StatusCode);
        Assert.AreEqual(HttpStatusCode.Forbidden, (await userOfB.PostAsync(path, null)).StatusCode);
        var refused = await otherRole.PostAsync(path, null);
        Assert.AreEqual(HttpStatusCode.Forbidden, refused.StatusCode);
        StringAssert.Contains(await refused.Content.ReadAsStringAsync(), "Global Administrator or Privileged Role Administrator");
        using var malformed = await host.ClientFor(TenantsHost.B, bea, GlobalAdministrator).PostAsync(new Uri("/admin/tenants/%23tenant/offboard", UriKind.Relative), null);
        Assert.AreEqual(HttpStatusCode.BadRequest, malformed.StatusCode);

        CollectionAssert.AreEqual(before.ToList(), (await host.SnapshotAsync(TenantsHost.B)).ToList(), "nothing of B changed");
        Assert.AreEqual(TenantStatus.Active, (await host.Registry.GetAsync(TenantsHost.B))!.Status);
    }

    [TestMethod]
    public async Task An_offboarded_tenant_whose_admin_consents_again_is_served_again()
    {
        await using var host = await TenantsHost.StartAsync();
        var bea = host.OrgB.DemoUser.Id;
        using var admin = host.ClientFor(TenantsHost.B, bea, GlobalAdministrator);
        Assert.AreEqual(HttpStatusCode.OK, (await admin.PostAsync(new Uri($"/admin/tenants/{TenantsHost.B}/offboard", UriKind.Relative), null)).StatusCode);
        Assert.AreEqual(HttpStatusCode.Forbidden, (await admin.GetAsync(new Uri("/api/me/summary", UriKind.Relative))).StatusCode);

        using var noRedirects = host.App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var consent = (await noRedirects.GetAsync(new Uri($"/admin/consent?tenant={TenantsHost.B}", UriKind.Relative))).Headers.Location!;
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var back = (await browser.GetAsync(consent)).Headers.Location!;
        Assert.AreEqual(HttpStatusCode.Redirect, (await noRedirects.GetAsync(new Uri("/admin/consent/callback" + back.Query, UriKind.Relative))).StatusCode,
            "recorded; on to the sign-in that says who consented");

        Assert.AreEqual(HttpStatusCode.OK, (await admin.GetAsync(new Uri("/api/me/summary", UriKind.Relative))).StatusCode);
        await host.Bot.PostAsync(host.Install(TenantsHost.B, bea));
        Assert.IsNotNull(await host.Users.GetAsync(TenantsHost.B, bea), "its users' data may be created again");
    }

    [TestMethod]
    public async Task An_offboarding_that_stopped_half_way_is_finished_by_the_daily_job()
    {
        await using var host = await TenantsHost.StartAsync();
        var bea = host.OrgB.DemoUser.Id;
        await host.Bot.PostAsync(host.Install(TenantsHost.B, bea));
        var a = await host.SnapshotAsync(TenantsHost.A);
        // What an offboarding leaves when its instance dies after its first steps, two hours ago: the tombstone and the mark.
        await host.App.Services.GetRequiredService<GlueTeams.Storage.Users.ErasureTombstones>().MarkTenantAsync(TenantsHost.B);
        await host.Tables.Tenants.UpsertEntityAsync(new Azure.Data.Tables.TableEntity("registration", TenantsHost.B)
        {
            ["TenantId"] = TenantsHost.B, ["Status"] = nameof(TenantStatus.Offboarding), ["ConsentedAt"] = TestClock.Shared.GetUtcNow().AddDays(-30),
            ["UpdatedAt"] = TestClock.Shared.GetUtcNow().AddHours(-2),
        });
        Assert.IsNotEmpty(await host.RowsOfAsync(TenantsHost.B));

        Assert.IsTrue(await host.App.Services.GetRequiredService<GlueTeams.App.Retention.RetentionJob>().RunIfDueAsync(CancellationToken.None));

        Assert.IsEmpty(await host.RowsOfAsync(TenantsHost.B), "the daily job finished it");
        Assert.IsNull(await host.Registry.GetAsync(TenantsHost.B));
        CollectionAssert.AreEqual(a.ToList(), (await host.SnapshotAsync(TenantsHost.A)).ToList());
    }
}
