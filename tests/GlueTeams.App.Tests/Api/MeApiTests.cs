using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GlueTeams.Core.Validation;
using GlueTeams.Testing;

namespace GlueTeams.App.Tests.Api;

[TestClass]
public sealed class MeApiTests
{
    private static TabApiHost s_host = null!;
    private static readonly Core.Weeks.IsoWeek s_to = TabApiHost.CurrentWeek;
    private static readonly Core.Weeks.IsoWeek s_from = s_to.AddWeeks(-3);

    [ClassInitialize]
    public static async Task StartAsync(TestContext context)
    {
        s_host = await TabApiHost.StartAsync();
        var engineer = s_host.Report(0);
        var records = SimulatedRecords.Weeks(TabApiHost.TenantId, engineer.Id, s_from, s_to);
        records.Add(SimulatedRecords.Meeting(TabApiHost.TenantId, engineer.Id, s_to, 20, "=HYPERLINK(\"https://evil.example\",\"click\"), \"quoted\"\nline"));
        await s_host.SeedAsync(engineer, records);
        await s_host.SeedAsync(s_host.Report(1), SimulatedRecords.Weeks(TabApiHost.TenantId, s_host.Report(1).Id, s_from, s_to, perWeek: 2, gluePerWeek: 2));
    }

    [ClassCleanup]
    public static async Task StopAsync() => await s_host.DisposeAsync();

    private static HttpClient Engineer() => s_host.ClientFor(s_host.Report(0).Id);

    [TestMethod]
    public async Task Summary_OwnData_CountsConfirmedGlueOnly()
    {
        using var client = Engineer();
        var summary = await client.GetFromJsonAsync<JsonElement>($"/api/me/summary?from={s_from}&to={s_to}");
        var total = summary.GetProperty("total");
        Assert.AreEqual(4, summary.GetProperty("weeks").GetArrayLength());
        Assert.AreEqual(4 * 3 * 60, total.GetProperty("glueMinutes").GetInt32());
        Assert.AreEqual(4 * 8 * 60 + 60, total.GetProperty("meetingMinutes").GetInt32());
        Assert.AreEqual(1, total.GetProperty("unconfirmedCount").GetInt32());
        var lastWeek = summary.GetProperty("weeks")[3].GetProperty("summary");
        Assert.AreEqual(2 * 60, lastWeek.GetProperty("minutesByCategory").GetProperty("mentoring").GetInt32());
        Assert.AreEqual(60, lastWeek.GetProperty("minutesByCategory").GetProperty("design-review").GetInt32());
        Assert.AreEqual(s_from.ToString(), summary.GetProperty("from").GetString());
    }

    [TestMethod]
    [DataRow("/api/me/summary?from=2026-W99")]
    [DataRow("/api/me/summary?from=yesterday")]
    [DataRow("/api/me/summary?from=2026-W10&to=2026-W01")]
    [DataRow("/api/me/summary?from=2020-W01&to=2026-W01")]
    [DataRow("/api/me/records")]
    [DataRow("/api/me/records?week=2026-47")]
    [DataRow("/api/me/export?format=pdf")]
    [DataRow("/api/me/export?from=2026-W10&to=2026-W01&format=csv")]
    [DataRow("/api/team/summary?weeks=0")]
    [DataRow("/api/team/summary?weeks=53")]
    [DataRow("/api/team/summary?weeks=many")]
    public async Task BadParameters_Get400WithProblemDetails(string url)
    {
        using var client = Engineer();
        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.AreEqual("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.AreEqual(400, problem.GetProperty("status").GetInt32());
    }

    [TestMethod]
    public async Task Records_OfAWeek_AreOnlyTheCallers()
    {
        using var client = Engineer();
        var records = await client.GetFromJsonAsync<JsonElement>($"/api/me/records?week={s_to}");
        Assert.AreEqual(9, records.GetArrayLength());
        Assert.IsTrue(records.EnumerateArray().All(r => r.GetProperty("id").GetString()!.StartsWith(s_to.ToString(), StringComparison.Ordinal)));
        Assert.AreEqual(1, records.EnumerateArray().Count(r => r.GetProperty("status").GetString() == "suggested"));
    }

    [TestMethod]
    public async Task Patch_ValidEdit_ConfirmsAndHidesFromManager()
    {
        using var client = Engineer();
        var record = await FirstRecordAsync(client, s_from);
        var response = await client.PatchAsJsonAsync($"/api/me/records/{Uri.EscapeDataString(record.Id)}", new
        {
            category = "onboarding", impact = "multiplier", artifactLink = "https://wiki.example.com/onboarding", artifactTitle = "Onboarding guide",
            note = "New hires productive in a week", sharedWithManager = false, etag = record.ETag,
        });
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());
        var stored = await s_host.Activities.GetAsync(TabApiHost.TenantId, s_host.Report(0).Id, record.Id);
        Assert.AreEqual("onboarding", stored!.Record.Confirmation!.CategoryId);
        Assert.IsFalse(stored.Record.Confirmation.SharedWithManager);
        Assert.AreEqual("Onboarding guide", stored.Record.Confirmation.ArtifactTitle);
    }

    [TestMethod]
    public async Task Patch_InvalidInput_Gets400WithTheCardsValidationMessages()
    {
        using var client = Engineer();
        var record = await FirstRecordAsync(client, s_from.Next);
        var response = await client.PatchAsJsonAsync($"/api/me/records/{Uri.EscapeDataString(record.Id)}",
            new { category = "napping", artifactLink = "javascript:alert(1)" });
        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var expected = TagValidator.Validate(new TagInput("napping", null, "javascript:alert(1)", null, null, false)).Errors;
        foreach (var error in expected)
        {
            Assert.AreEqual(error.Message, problem.GetProperty("errors").GetProperty(error.Field)[0].GetString());
        }
        var stored = await s_host.Activities.GetAsync(TabApiHost.TenantId, s_host.Report(0).Id, record.Id);
        Assert.AreEqual(record.ETag, stored!.ETag.ToString(), "nothing was written");
    }

    [TestMethod]
    public async Task Patch_StaleETag_Gets409WithTheCurrentRecord()
    {
        using var client = Engineer();
        var record = await FirstRecordAsync(client, s_from.AddWeeks(2));
        var url = $"/api/me/records/{Uri.EscapeDataString(record.Id)}";
        Assert.AreEqual(HttpStatusCode.OK, (await client.PatchAsJsonAsync(url, new { category = "hiring", etag = record.ETag })).StatusCode);
        var stale = await client.PatchAsJsonAsync(url, new { category = "process", etag = record.ETag });
        Assert.AreEqual(HttpStatusCode.Conflict, stale.StatusCode);
        var current = await stale.Content.ReadFromJsonAsync<JsonElement>();
        Assert.AreEqual("hiring", current.GetProperty("confirmation").GetProperty("categoryId").GetString());
    }

    [TestMethod]
    public async Task Patch_SomeoneElsesRecordId_IsNotFound()
    {
        using var other = s_host.ClientFor(s_host.Report(1).Id);
        var theirs = await FirstRecordAsync(other, s_to);
        using var client = Engineer();
        var response = await client.PatchAsJsonAsync($"/api/me/records/{Uri.EscapeDataString(theirs.Id + "x")}", new { category = "hiring" });
        Assert.AreEqual(HttpStatusCode.NotFound, response.StatusCode);
        using var otherTenant = s_host.ClientFor(s_host.Report(1).Id, "11111111-2222-3333-4444-555555555555");
        var crossTenant = await otherTenant.PatchAsJsonAsync($"/api/me/records/{Uri.EscapeDataString(theirs.Id)}", new { category = "hiring" });
        Assert.AreEqual(HttpStatusCode.NotFound, crossTenant.StatusCode);
    }

    [TestMethod]
    public async Task Patch_OversizedBody_Gets400()
    {
        using var client = Engineer();
        var record = await FirstRecordAsync(client, s_to);
        var body = JsonSerializer.Serialize(new { category = "mentoring", note = new string('x', 20_000) });
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        var response = await client.PatchAsync(new Uri($"/api/me/records/{Uri.EscapeDataString(record.Id)}", UriKind.Relative), content);
        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [TestMethod]
    public async Task Export_Markdown_HasTotalsCategoriesArtifactsAndAPngChart()
    {
        using var client = Engineer();
        var response = await client.GetAsync(new Uri($"/api/me/export?from={s_from}&to={s_to}&format=md", UriKind.Relative));
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.AreEqual("application/zip", response.Content.Headers.ContentType?.MediaType);
        StringAssert.Contains(response.Content.Headers.ContentDisposition?.FileName, ".zip");
        using var zip = new System.IO.Compression.ZipArchive(await response.Content.ReadAsStreamAsync());
        using var reader = new StreamReader(zip.Entries.Single(e => e.Name.EndsWith(".md", StringComparison.Ordinal)).Open());
        var markdown = await reader.ReadToEndAsync();
        StringAssert.Contains(markdown, "## Counts");
        StringAssert.Contains(markdown, "| Mentoring & coaching |");
        StringAssert.Contains(markdown, "Faster onboarding");
        StringAssert.Contains(markdown, "https://docs.example.com/guides/0");
        StringAssert.Contains(markdown, "](chart.png)");
        using var chart = new MemoryStream();
        await zip.GetEntry("chart.png")!.Open().CopyToAsync(chart);
        var png = chart.ToArray();
        CollectionAssert.AreEqual(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        Assert.IsTrue(png.Length > 5_000, "a chart with bars, not an empty image");
    }

    [TestMethod]
    public async Task Export_Csv_EscapesAndNeutralisesFormulas()
    {
        using var client = Engineer();
        var csv = await client.GetStringAsync(new Uri($"/api/me/export?from={s_from}&to={s_to}&format=csv", UriKind.Relative));
        Assert.IsTrue(csv.StartsWith("week,start,end,minutes,title,status,category", StringComparison.Ordinal));
        StringAssert.Contains(csv, "\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"click\"\"), \"\"quoted\"\"\nline\"");
        Assert.AreEqual(1 + 4 * 8 + 1, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [TestMethod]
    public async Task Profile_SaysWhetherGraphListsDirectReports()
    {
        using var engineer = Engineer();
        var profile = await engineer.GetFromJsonAsync<JsonElement>("/api/me/profile");
        Assert.IsFalse(profile.GetProperty("hasDirectReports").GetBoolean());
        Assert.AreEqual(s_host.Report(0).DisplayName, profile.GetProperty("displayName").GetString());
        Assert.IsTrue(profile.GetProperty("sharingDefault").GetBoolean());
        using var manager = s_host.ClientFor(s_host.Manager.Id);
        Assert.IsTrue((await manager.GetFromJsonAsync<JsonElement>("/api/me/profile")).GetProperty("hasDirectReports").GetBoolean());
    }

    private sealed record RecordRef(string Id, string ETag);

    private static async Task<RecordRef> FirstRecordAsync(HttpClient client, Core.Weeks.IsoWeek week)
    {
        var records = await client.GetFromJsonAsync<JsonElement>($"/api/me/records?week={week}");
        var first = records[0];
        return new RecordRef(first.GetProperty("id").GetString()!, first.GetProperty("eTag").GetString()!);
    }
}
