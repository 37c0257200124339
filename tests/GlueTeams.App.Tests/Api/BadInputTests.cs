using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GlueTeams.Testing;

namespace GlueTeams.App.Tests.Api;

/// <summary>Weeks at the ends of the calendar, absurd week counts and forged If-Match headers: 400 with problem details, nothing changed.</summary>
[TestClass]
public sealed class BadInputTests
{
    private static TabApiHost s_host = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context)
    {
        s_host = await TabApiHost.StartAsync();
        var engineer = s_host.Report(0);
        await s_host.SeedAsync(engineer, [SimulatedRecords.Meeting(TabApiHost.TenantId, engineer.Id, TabApiHost.CurrentWeek, 1)]);
    }

    [ClassCleanup]
    public static async Task StopAsync() => await s_host.DisposeAsync();

    private static async Task AssertBadRequestAsync(HttpResponseMessage response, string mentions)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode, body);
        Assert.AreEqual("application/problem+json", response.Content.Headers.ContentType?.MediaType, body);
        StringAssert.Contains(JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString(), mentions);
    }

    [TestMethod]
    [DataRow("/api/me/summary?to=0001-W05", "'to'")]
    [DataRow("/api/me/summary?from=9998-W40&to=9998-W52", "'to'")]
    [DataRow("/api/me/summary?from=9998-W40&to=9997-W50", "'from'")]
    [DataRow("/api/me/summary?from=0001-W01&to=0001-W02", "'to'")]
    [DataRow("/api/me/export?to=0001-W05", "'to'")]
    [DataRow("/api/me/records?week=9998-W52", "'week'")]
    [DataRow("/api/me/records?week=0001-W01", "'week'")]
    public async Task Weeks_at_the_ends_of_the_calendar_get_400(string route, string mentions)
    {
        using var client = s_host.ClientFor(s_host.Report(0).Id);
        using var response = await client.GetAsync(new Uri(route, UriKind.Relative));
        await AssertBadRequestAsync(response, mentions);
    }

    [TestMethod]
    [DataRow("1000000")]
    [DataRow("-2147483648")]
    [DataRow("2147483647")]
    [DataRow("0")]
    public async Task Absurd_week_counts_get_400(string weeks)
    {
        using var manager = s_host.ClientFor(s_host.Manager.Id);
        using var team = await manager.GetAsync(new Uri("/api/team/summary?weeks=" + weeks, UriKind.Relative));
        await AssertBadRequestAsync(team, "'weeks'");
        using var member = await manager.GetAsync(new Uri($"/api/team/members/{s_host.Report(0).Id}/summary?weeks={weeks}", UriKind.Relative));
        await AssertBadRequestAsync(member, "'weeks'");
        using var export = await manager.GetAsync(new Uri("/api/team/export?weeks=" + weeks, UriKind.Relative));
        await AssertBadRequestAsync(export, "'weeks'");
    }

    [TestMethod]
    [DataRow("\"abc\"", "If-Match must be")]
    [DataRow("*", "If-Match: * is not accepted")]
    [DataRow("W/\"datetime'x'\", *", "If-Match")]
    public async Task A_malformed_or_wildcard_If_Match_gets_400_and_changes_nothing(string ifMatch, string mentions)
    {
        var engineer = s_host.Report(0);
        using var client = s_host.ClientFor(engineer.Id);
        var record = (await s_host.Activities.ListAsync(TabApiHost.TenantId, engineer.Id, TabApiHost.CurrentWeek, TabApiHost.CurrentWeek))[0];
        var url = $"/api/me/records/{Uri.EscapeDataString(record.Id)}";

        using var request = new HttpRequestMessage(HttpMethod.Patch, url) { Content = JsonContent.Create(new { category = "hiring" }) };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        using var response = await client.SendAsync(request);
        await AssertBadRequestAsync(response, mentions);
        using var inBody = await client.PatchAsJsonAsync(url, new { category = "hiring", etag = ifMatch });
        await AssertBadRequestAsync(inBody, mentions);

        var after = await s_host.Activities.GetAsync(TabApiHost.TenantId, engineer.Id, record.Id);
        Assert.AreEqual(record.ETag, after!.ETag, "nothing was written");

        // The app still serves, and the ETag it issued is accepted.
        using var valid = new HttpRequestMessage(HttpMethod.Patch, url) { Content = JsonContent.Create(new { category = "hiring" }) };
        valid.Headers.TryAddWithoutValidation("If-Match", record.ETag.ToString());
        using var written = await client.SendAsync(valid);
        Assert.AreEqual(HttpStatusCode.OK, written.StatusCode, await written.Content.ReadAsStringAsync());
        var current = await s_host.Activities.GetAsync(TabApiHost.TenantId, engineer.Id, record.Id);
        await s_host.Activities.ReplaceAsync(current! with { Record = record.Record }); // back as it was, for the next row
    }
}
