using System.Net;
using System.Net.Http.Headers;
using GlueTeams.App.Extensions;
using GlueTeams.Simulator;
using GlueTeams.Simulator.Org;
using GlueTeams.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;

namespace GlueTeams.App.Tests.Hosting;

/// <summary>The Add… calls of the app's parts may come in any order: each part's services are found after the host is built.</summary>
[TestClass]
public sealed class WiringOrderTests
{
    [TestMethod]
    public async Task The_Outlook_tags_API_serves_when_tabs_are_added_before_sync()
    {
        await using var graph = await SimulatedGraph.StartAsync(new SimulatorOptions { Users = 8 });
        await using var issuer = await DevTokenIssuerHost.StartAsync(apiAudience: "api://glueteams-test");
        var storage = Azurite.NewStorageOptions();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Microsoft.Extensions.Hosting.Environments.Development });
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(SimulatedGraph.AppSettings(graph.Host, new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = storage.ConnectionString,
            ["Storage:TablePrefix"] = storage.TablePrefix,
            ["Tabs:Audience"] = "api://glueteams-test",
            ["Tabs:DevIssuerMetadataUrl"] = new Uri(issuer.BaseAddress, $"/dev/{SimulatedOrg.TenantId}/v2.0/.well-known/openid-configuration").ToString(),
        }));
        builder.AddGlueStorage();
        builder.AddGlueTabs(); // before AddGlueSync: the order Program.cs does not use
        builder.AddGlueSync();
        await using var app = builder.Build();
        app.MapGlueTabs();
        await app.StartAsync();
        using var client = app.GetTestClient();
        var engineer = graph.Tenant.Org.Users.First(u => u.Role == OrgRole.Engineer);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            issuer.Issuer.MintUserToken(SimulatedOrg.TenantId, engineer.Id, "api://glueteams-test"));

        using var unknownMeeting = await client.GetAsync(new Uri("/api/tags/AAMkADoesNotExist", UriKind.Relative));

        // The real tags API answers for a meeting not in the caller's calendar; the stand-in for "no Graph" would say 503.
        Assert.AreEqual(HttpStatusCode.NotFound, unknownMeeting.StatusCode, await unknownMeeting.Content.ReadAsStringAsync());
        using var me = await client.GetAsync(new Uri("/api/me/profile", UriKind.Relative));
        Assert.AreNotEqual(HttpStatusCode.ServiceUnavailable, me.StatusCode);
        await app.StopAsync();
    }
}
