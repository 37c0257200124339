using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using GlueTeams.App.Evidence;
using GlueTeams.App.Tests.Api;
using GlueTeams.App.Tests.Export;

namespace GlueTeams.App.Tests.Faults;

/// <summary>
/// The packet while the directory fails or hangs: colleagues' teams cannot be read, so the packet (and the impact view)
/// counts the people reached without teams, within the request's time, instead of failing; the app serves afterwards.
/// </summary>
[TestClass]
public sealed class PacketDirectoryOutageTests
{
    [TestMethod]
    [DataRow(GraphOutageTests.Outage.Unavailable)]
    [DataRow(GraphOutageTests.Outage.Hang)]
    public async Task The_packet_while_the_directory_fails_counts_people_without_teams_then_serves(GraphOutageTests.Outage outage)
    {
        await using var host = await SimulatedEngineer.StartAsync(GraphOutageTests.ShortDirectoryWait);
        using var client = host.ClientFor(SimulatedEngineer.User(host).Id);
        var period = $"from={SimulatedEngineer.FirstWeek}&to={SimulatedEngineer.LastWeek}";

        GraphOutageTests.Break(host.Graph.Tenant.Faults, outage);
        using var response = await client.GetAsync($"/api/me/export?{period}&format=md");

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, "the directory is a nicety of the packet, not a reason to fail it");
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync());
        using var reader = new StreamReader(zip.Entries.Single(e => e.Name.EndsWith(".md", StringComparison.Ordinal)).Open());
        var markdown = await reader.ReadToEndAsync();
        StringAssert.Contains(markdown, "- Reached 17 people in glue meetings that were not private.", "people still counted, teams left out");
        StringAssert.Contains(markdown, "## Evidence for Staff Engineer");

        GraphOutageTests.Mend(host.Graph.Tenant.Faults);
        var impact = await client.GetFromJsonAsync<ImpactView>($"/api/me/impact?{period}", TabApiHost.Json);
        Assert.AreEqual(17, impact!.People, "the app still serves");
    }
}
