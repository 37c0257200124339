using System.IO.Compression;
using GlueTeams.App.Evidence;
using GlueTeams.App.Tests.Api;
using GlueTeams.App.Tests.Export;
using GlueTeams.Core.Records;
using GlueTeams.Core.Weeks;
using GlueTeams.Storage.Evidence;
using GlueTeams.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GlueTeams.App.Tests.Evidence;

/// <summary>
/// Artifact reach through Graph's item analytics, on the simulator: with the permission the packet shows each SharePoint
/// artifact's views and viewers as Graph reports them; without it (403) the packet says so once, Graph is asked once,
/// and everything else in the packet is there.
/// </summary>
[TestClass]
public sealed class ArtifactReachTests
{
    private static async Task<string> PacketAsync(TabApiHost host)
    {
        using var client = host.ClientFor(SimulatedEngineer.User(host).Id);
        using var response = await client.GetAsync($"/api/me/export?from={SimulatedEngineer.FirstWeek}&to={SimulatedEngineer.LastWeek}&format=md");
        Assert.AreEqual(System.Net.HttpStatusCode.OK, response.StatusCode);
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync());
        using var reader = new StreamReader(zip.Entries.Single(e => e.Name.EndsWith(".md", StringComparison.Ordinal)).Open());
        return await reader.ReadToEndAsync();
    }

    [TestMethod]
    public async Task Views_come_from_item_analytics_and_without_the_permission_the_packet_says_so_once_and_the_rest_works()
    {
        await using var host = await SimulatedEngineer.StartAsync(); // its set-up ran the refresh, with the permission
        var drives = host.Graph.Tenant.Drives;
        // A teammate with a OneDrive artifact of their own: a second link, so that "asked once" means something.
        var teammate = host.Report(0);
        var week = SimulatedEngineer.LastWeek;
        await host.SeedAsync(teammate, [SimulatedRecords.Meeting(TabApiHost.TenantId, teammate.Id, week, 1, "Brown bag")
            .Confirmed("knowledge-sharing", shared: false, Impact.Multiplier, SimulatedEngineer.Talk)]);
        var refresh = host.App.Services.GetRequiredService<ArtifactReachRefresh>();

        var granted = await refresh.RunAsync();

        Assert.AreEqual(new ReachRefreshCounts(2, 2, 0), granted);
        var (views, viewers) = drives.ReachOf(SimulatedEngineer.OnboardingGuide);
        var markdown = await PacketAsync(host);
        StringAssert.Contains(markdown, $"| [Onboarding guide](<{SimulatedEngineer.OnboardingGuide.AbsoluteUri}>) | Onboarding | 4 | {views} | {viewers} |");
        StringAssert.Contains(markdown, "| [ADR 42\\: queue-based sync](<https://wiki.example.com/adr/42>) | Architecture & design review | 1 | — | — |", "a wiki page has no analytics");
        Assert.DoesNotContain("not available", markdown);

        drives.Denied = true; // the organisation withdraws (or never granted) the permission
        var before = host.Graph.Tenant.Counters.ByKind.GetValueOrDefault("shares");

        var refused = await refresh.RunAsync();

        Assert.AreEqual(new ReachRefreshCounts(2, 0, 2), refused);
        Assert.AreEqual(before + 1, host.Graph.Tenant.Counters.ByKind.GetValueOrDefault("shares"), "after the first 403 Graph is not asked again in the run");
        var degraded = await PacketAsync(host);
        Assert.AreEqual(1, CountOf(degraded, "not available"), "said once");
        StringAssert.Contains(degraded, "your organisation has not granted GlueTeams the permission to read file analytics");
        StringAssert.Contains(degraded, $"| [Onboarding guide](<{SimulatedEngineer.OnboardingGuide.AbsoluteUri}>) | Onboarding | 4 | — | — |");
        StringAssert.Contains(degraded, "## Themes", "the rest of the packet is there");
        StringAssert.Contains(degraded, "Reached ");
        var stored = await host.App.Services.GetRequiredService<ArtifactReachStore>().ListAsync(TabApiHost.TenantId, SimulatedEngineer.User(host).Id);
        Assert.IsTrue(stored.All(r => r.Status == ReachStatus.Denied));
    }

    [TestMethod]
    public void Share_ids_are_encoded_as_Graph_documents()
    {
        // The example from Graph's "Access shared items" page.
        Assert.AreEqual("u!aHR0cHM6Ly9vbmVkcml2ZS5saXZlLmNvbS9yZWRpcj9yZXNpZD0xMjMxMjQ0MTkzOTEyITEyJmF1dGhLZXk9MTIwMTkxOSExMjkyMSEx",
            GlueTeams.Graph.Files.ItemAnalyticsReader.ShareId(new Uri("https://onedrive.live.com/redir?resid=1231244193912!12&authKey=1201919!12921!1")));
        Assert.IsTrue(GlueTeams.Graph.Files.ItemAnalyticsReader.IsDriveLink(SimulatedEngineer.Talk));
        Assert.IsFalse(GlueTeams.Graph.Files.ItemAnalyticsReader.IsDriveLink(new Uri("https://wiki.example.com/sharepoint.com")));
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
