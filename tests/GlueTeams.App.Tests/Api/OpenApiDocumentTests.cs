using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GlueTeams.App.Api;
using GlueTeams.Core.Categories;
using GlueTeams.Simulator.Org;

namespace GlueTeams.App.Tests.Api;

/// <summary>
/// The OpenAPI document the pages' TypeScript types are generated from (./glue: the <c>openapi</c> command, then
/// openapi-typescript, then tsc) says what the wire carries, and the command writes what the app serves.
/// </summary>
[TestClass]
public sealed class OpenApiDocumentTests
{
    private static TabApiHost s_host = null!;
    private static JsonNode s_served = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context)
    {
        s_host = await TabApiHost.StartAsync();
        using var client = s_host.ClientWith(null);
        s_served = JsonNode.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)))!;
    }

    [ClassCleanup]
    public static async Task StopAsync() => await s_host.DisposeAsync();

    private static JsonNode Schema(string name) => s_served["components"]!["schemas"]![name]
        ?? throw new AssertFailedException($"The document has no schema {name}.");

    [TestMethod]
    public void EnumsAndWeeks_AreStrings()
    {
        Assert.AreEqual("string", (string?)Schema("SignalKind")["type"]);
        CollectionAssert.AreEqual(new[] { "CarriesTeam", "GlueHeavyWeeks" }, Schema("SignalKind")["enum"]!.AsArray().Select(v => (string?)v).ToArray());
        Assert.AreEqual("string", (string?)Schema("ImpactChoice")["type"]);
        CollectionAssert.AreEqual(new[] { "multiplier", "one-off" }, Schema("ImpactChoice")["enum"]!.AsArray().Select(v => (string?)v).ToArray());
        Assert.AreEqual("string", (string?)Schema("IsoWeek")["type"]);
        Assert.AreEqual("integer", (string?)Schema("RecordView")["properties"]!["minutes"]!["type"], "numbers travel as numbers only");
    }

    [TestMethod]
    public void EveryTabRoute_NamesItsAnswers()
    {
        var routes = s_served["paths"]!.AsObject().Where(p => !p.Key.StartsWith("/api/dev/", StringComparison.Ordinal)
            && (p.Key == "/api/vocabulary" || new[] { "/api/me/", "/api/team/", "/api/tags/" }.Any(prefix => p.Key.StartsWith(prefix, StringComparison.Ordinal)))).ToList();
        Assert.IsTrue(routes.Count >= 20, $"only {routes.Count} tab routes in the document");
        foreach (var (path, operations) in routes)
        {
            foreach (var (method, operation) in operations!.AsObject())
            {
                var responses = operation!["responses"]!.AsObject();
                foreach (var status in new[] { "401", "400", "503" })
                {
                    Assert.IsTrue(responses.ContainsKey(status), $"{method} {path} does not say it may answer {status}");
                }
                var success = responses.Where(r => r.Key.StartsWith('2')).ToList();
                Assert.AreNotEqual(0, success.Count, $"{method} {path} names no success");
                Assert.IsTrue(success.All(r => r.Key == "204" || r.Value?["content"] is JsonObject { Count: > 0 }), $"{method} {path} answers a body of no stated type");
            }
        }
    }

    [TestMethod]
    public void Required_IsWhatIsAlwaysWritten()
    {
        var required = Schema("GlueSummary")["required"]!.AsArray().Select(v => (string?)v).ToList();
        CollectionAssert.Contains(required, "glueHours", "computed, always written");
        CollectionAssert.DoesNotContain(required, "delegatedMinutes", "absent when zero");
        var nullable = Schema("ConfirmationView")["properties"]!["artifactTitle"]!["type"]!.AsArray().Select(v => (string?)v).ToList();
        CollectionAssert.Contains(nullable, "null");
    }

    [TestMethod]
    public async Task Command_WritesWhatTheAppServes()
    {
        var file = Path.Combine(Path.GetTempPath(), $"glueteams-openapi-{Guid.NewGuid():N}.json");
        try
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var arg in new[] { typeof(OpenApiDocumentCommand).Assembly.Location, "openapi", file })
            {
                start.ArgumentList.Add(arg);
            }
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            start.Environment.Remove("DOTNET_ENVIRONMENT");
            using var process = Process.Start(start)!;
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.AreEqual(0, process.ExitCode, error);
            var written = JsonNode.Parse(await File.ReadAllTextAsync(file))!;
            Assert.IsTrue(JsonNode.DeepEquals(s_served["components"], written["components"]), "the command's schemas differ from the served ones");
            // The served app is in Development, where the development token route exists too; every other route is the same.
            var served = s_served["paths"]!.AsObject().Where(p => !p.Key.StartsWith("/api/dev/", StringComparison.Ordinal)).ToList();
            CollectionAssert.AreEquivalent(served.Select(p => p.Key).ToList(), written["paths"]!.AsObject().Select(p => p.Key).ToList());
            foreach (var (path, operations) in served)
            {
                Assert.IsTrue(JsonNode.DeepEquals(operations, written["paths"]![path]), $"{path} differs");
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    [TestMethod]
    public async Task Vocabulary_IsTheOnePalette()
    {
        using var client = s_host.ClientFor(SimulatedOrg.DemoUserId);
        var vocabulary = await client.GetFromJsonAsync<VocabularyView>(new Uri("/api/vocabulary", UriKind.Relative), TabApiHost.Json);
        CollectionAssert.AreEqual(CategoryPalette.All.Select(c => (c.Id, c.Name, c.Color)).ToList(),
            vocabulary!.Categories.Select(c => (c.Id, c.Name, c.Color)).ToList());
        Assert.IsFalse(vocabulary.Categories.Single(c => c.Id == GlueCategories.NotGlueId).IsGlue);
        CollectionAssert.AreEqual(new[] { ImpactChoice.OneOff, ImpactChoice.Multiplier }, vocabulary.Impacts.Select(i => i.Value).ToArray());
        using var anonymous = s_host.ClientWith(null);
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(new Uri("/api/vocabulary", UriKind.Relative))).StatusCode);
    }
}
