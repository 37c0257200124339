using System.Net.Http.Json;
using GlueTeams.App.Tests.Api;
using GlueTeams.Testing;

namespace GlueTeams.App.Tests.Evidence;

/// <summary>A company replaces the default ladder by configuration; the tab and the packet then use its levels.</summary>
[TestClass]
public sealed class LadderTests
{
    [TestMethod]
    public async Task A_company_ladder_from_Packet_LadderPath_replaces_the_default()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("glue-ladder-").FullName, "acme.json");
        await File.WriteAllTextAsync(path, """
            { "id": "acme", "name": "Acme engineering ladder", "about": "Ours.", "sources": [],
              "competencies": [ { "id": "people", "name": "Growing people", "categories": ["mentoring", "onboarding"], "why": "" } ],
              "levels": [ { "id": "l5", "name": "Senior II", "expectations": { "people": "Grows two engineers a year." } },
                          { "id": "l6", "name": "Principal", "expectations": { "people": "Grows the people who grow others." } } ],
              "defaultLevel": "l6" }
            """);
        await using var host = await TabApiHost.StartAsync(new Dictionary<string, string?> { ["Packet:LadderPath"] = path });
        var engineer = host.Report(0);
        var week = TabApiHost.WeekOf(engineer);
        await host.SeedAsync(engineer, SimulatedRecords.Weeks(TabApiHost.TenantId, engineer.Id, week, week));
        using var client = host.ClientFor(engineer.Id);

        var ladder = await client.GetFromJsonAsync<GlueTeams.App.Api.EvidenceApi.LadderView>("/api/me/ladder", TabApiHost.Json);
        Assert.AreEqual("l6", ladder!.DefaultLevel);
        CollectionAssert.AreEqual(new[] { "Senior II", "Principal" }, ladder.Levels.Select(l => l.Name).ToArray());

        using var packet = await client.GetAsync($"/api/me/export?from={week}&to={week}&format=docx&level=l5");
        Assert.AreEqual(System.Net.HttpStatusCode.OK, packet.StatusCode);
        using var word = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(await packet.Content.ReadAsByteArrayAsync()), false);
        var text = word.MainDocumentPart!.Document.Body!.InnerText;
        StringAssert.Contains(text, "Evidence for Senior II");
        StringAssert.Contains(text, "Expected of a Senior II: Grows two engineers a year.");
        Assert.AreEqual(System.Net.HttpStatusCode.BadRequest, (await client.GetAsync($"/api/me/export?from={week}&to={week}&level=staff")).StatusCode, "the default ladder's levels are gone");
    }
}
