using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GlueTeams.Core.Weeks;
using GlueTeams.Simulator.Org;

namespace GlueTeams.Simulator.Tests.Api;

[TestClass]
public sealed class GraphApiTests : IAsyncDisposable
{
    private static readonly string[] s_selectedWithKeys = ["@odata.etag", "id", "subject", "start"];
    private static readonly IsoWeek s_week = new(2026, 48);
    private SimulatorHost _host = null!;
    private HttpClient _http = null!;

    [TestInitialize]
    public async Task StartAsync()
    {
        _host = await SimulatorHost.StartAsync(new SimulatorOptions { Users = 60 });
        _http = new HttpClient { BaseAddress = _host.BaseUrl };
        _http.DefaultRequestHeaders.Authorization = new("Bearer", _host.Issuer.MintGraphAppToken());
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
    }

    [TestMethod]
    public async Task Request_WithoutBearerToken_Is401()
    {
        using var anonymous = new HttpClient { BaseAddress = _host.BaseUrl };

        using var response = await anonymous.GetAsync(new Uri("v1.0/users", UriKind.Relative));

        Assert.AreEqual(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.AreEqual("InvalidAuthenticationToken", (await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!["code"]!.GetValue<string>());
    }

    [TestMethod]
    public async Task CalendarView_FollowsNextLinksOnItsOwnHost_UntilEveryEventOfTheWeekIsRead()
    {
        var user = _host.Tenant.Org.DemoUser;
        var ids = new List<string>();
        var url = CalendarViewUrl(user, "Europe/Berlin");
        var pages = 0;
        while (url is not null)
        {
            var page = await GetAsync(url, "odata.maxpagesize=7");
            ids.AddRange(page["value"]!.AsArray().Select(e => e!["id"]!.GetValue<string>()));
            Assert.IsTrue(page["value"]!.AsArray().All(e => !e!.AsObject().ContainsKey("label")), "labels are never serialised");
            url = page["@odata.nextLink"]?.GetValue<string>();
            Assert.IsTrue(url is null || url.StartsWith(_host.GraphBaseUrl, StringComparison.Ordinal), url);
            pages++;
        }

        Assert.IsGreaterThanOrEqualTo(3, pages);
        CollectionAssert.AreEqual(_host.Tenant.Calendars.EventsFor(user.Id, s_week).Select(e => e.Id).ToList(), ids);
    }

    [TestMethod]
    public async Task CalendarView_PreferOutlookTimeZone_ExpressesTimesInThatZone()
    {
        var user = _host.Tenant.Org.DemoUser;
        var first = _host.Tenant.Calendars.EventsFor(user.Id, s_week).First(e => !e.IsAllDay);

        var page = await GetAsync(CalendarViewUrl(user, "Europe/Berlin"), "outlook.timezone=\"Tokyo Standard Time\"", "odata.maxpagesize=100");

        var json = page["value"]!.AsArray().First(e => e!["id"]!.GetValue<string>() == first.Id)!;
        Assert.AreEqual("Tokyo Standard Time", json["start"]!["timeZone"]!.GetValue<string>());
        var tokyo = TimeZoneInfo.ConvertTime(first.Start, TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo"));
        Assert.AreEqual(tokyo.ToString("yyyy-MM-ddTHH:mm:ss.fffffff", System.Globalization.CultureInfo.InvariantCulture), json["start"]!["dateTime"]!.GetValue<string>());
    }

    [TestMethod]
    public async Task CalendarView_WithoutSelect_ReturnsBodies_AndTheSimulatorCountsThem()
    {
        var user = _host.Tenant.Org.DemoUser;

        await GetAsync(CalendarViewUrl(user, "UTC"));

        Assert.IsGreaterThan(0L, _host.Tenant.Counters.BodiesReturned);
    }

    [TestMethod]
    public async Task CalendarView_WithSelect_ReturnsOnlyThoseFields()
    {
        var page = await GetAsync(CalendarViewUrl(_host.Tenant.Org.DemoUser, "UTC") + "&$select=subject,start");

        var first = page["value"]!.AsArray()[0]!.AsObject();
        CollectionAssert.AreEquivalent(s_selectedWithKeys, first.Select(p => p.Key).ToArray());
        Assert.AreEqual(0L, _host.Tenant.Counters.BodiesReturned);
    }

    [TestMethod]
    public async Task Batch_OfMoreThanTwentySteps_Is400()
    {
        var steps = Enumerable.Range(0, 21).Select(i => new { id = i.ToString(System.Globalization.CultureInfo.InvariantCulture), method = "GET", url = "/users" });

        using var response = await _http.PostAsJsonAsync(new Uri("v1.0/$batch", UriKind.Relative), new { requests = steps });

        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [TestMethod]
    public async Task Batch_AnswersEachStepWithItsOwnStatus()
    {
        var user = _host.Tenant.Org.DemoUser;
        var requests = new object[]
        {
            new { id = "known", method = "GET", url = $"/users/{user.Id}/manager" },
            new { id = "unknown", method = "GET", url = "/users/nobody@example.com" },
            new { id = "week", method = "GET", url = CalendarViewUrl(user, "UTC")[4..], headers = new Dictionary<string, string> { ["Prefer"] = "odata.maxpagesize=3" } },
        };

        using var response = await _http.PostAsJsonAsync(new Uri("v1.0/$batch", UriKind.Relative), new { requests });

        var steps = (await response.Content.ReadFromJsonAsync<JsonObject>())!["responses"]!.AsArray().ToDictionary(s => s!["id"]!.GetValue<string>());
        Assert.AreEqual(200, steps["known"]!["status"]!.GetValue<int>());
        Assert.AreEqual(user.ManagerId, steps["known"]!["body"]!["id"]!.GetValue<string>());
        Assert.AreEqual(404, steps["unknown"]!["status"]!.GetValue<int>());
        Assert.HasCount(3, steps["week"]!["body"]!["value"]!.AsArray());
        StringAssert.StartsWith(steps["week"]!["body"]!["@odata.nextLink"]!.GetValue<string>(), _host.GraphBaseUrl);
    }

    [TestMethod]
    public async Task FifthConcurrentRequestToOneMailbox_Is429WithRetryAfter()
    {
        _host.Tenant.Faults.Latency = TimeSpan.FromMilliseconds(800);
        var url = CalendarViewUrl(_host.Tenant.Org.DemoUser, "UTC");

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => _http.GetAsync(new Uri(url, UriKind.Relative))));

        Assert.AreEqual(4, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        var refused = responses.Single(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.AreEqual(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
        StringAssert.Contains(await refused.Content.ReadAsStringAsync(), "MailboxConcurrency");
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [TestMethod]
    public async Task DeniedConsent_AnswersThatUsersRequestsAndBatchSteps403_AndOthersStillServe()
    {
        var denied = _host.Tenant.Org.DemoUser;
        var other = _host.Tenant.Org.Get(denied.ManagerId!);
        _host.Tenant.Faults.DenyConsent(denied.Mail);
        var requests = new object[]
        {
            new { id = "denied", method = "GET", url = CalendarViewUrl(denied, "UTC")[4..] },
            new { id = "other", method = "GET", url = CalendarViewUrl(other, "UTC")[4..] },
        };

        using var direct = await _http.GetAsync(new Uri($"v1.0/users/{denied.Id}/directReports", UriKind.Relative));
        using var batch = await _http.PostAsJsonAsync(new Uri("v1.0/$batch", UriKind.Relative), new { requests });

        Assert.AreEqual(HttpStatusCode.Forbidden, direct.StatusCode);
        Assert.AreEqual("Authorization_RequestDenied", (await direct.Content.ReadFromJsonAsync<JsonObject>())!["error"]!["code"]!.GetValue<string>());
        var steps = (await batch.Content.ReadFromJsonAsync<JsonObject>())!["responses"]!.AsArray().ToDictionary(s => s!["id"]!.GetValue<string>());
        Assert.AreEqual(403, steps["denied"]!["status"]!.GetValue<int>());
        Assert.AreEqual(200, steps["other"]!["status"]!.GetValue<int>());
        _host.Tenant.Faults.GrantConsent(denied.Mail);
        using var granted = await _http.GetAsync(new Uri($"v1.0/users/{denied.Id}/directReports", UriKind.Relative));
        Assert.AreEqual(HttpStatusCode.OK, granted.StatusCode);
    }

    [TestMethod]
    public async Task ThrottleAndUnavailableShares_AnswerWithRetryAfter()
    {
        _host.Tenant.Faults.ThrottleShare = 1;
        _host.Tenant.Faults.RetryAfterSeconds = 3;
        using (var throttled = await _http.GetAsync(new Uri("v1.0/users", UriKind.Relative)))
        {
            Assert.AreEqual(HttpStatusCode.TooManyRequests, throttled.StatusCode);
            Assert.AreEqual(TimeSpan.FromSeconds(3), throttled.Headers.RetryAfter?.Delta);
        }
        _host.Tenant.Faults.ThrottleShare = 0;
        _host.Tenant.Faults.UnavailableShare = 1;
        using var unavailable = await _http.GetAsync(new Uri("v1.0/users", UriKind.Relative));

        Assert.AreEqual(HttpStatusCode.ServiceUnavailable, unavailable.StatusCode);
        Assert.AreEqual(1L, _host.Tenant.Counters.Throttled);
        Assert.AreEqual(1L, _host.Tenant.Counters.Unavailable);
    }

    [TestMethod]
    public async Task Users_ArePagedAndKnowTheirManagerReportsAndMailboxTimeZone()
    {
        var first = await GetAsync("v1.0/users?$top=25");
        var user = _host.Tenant.Org.DemoUser;
        var manager = await GetAsync($"v1.0/users/{user.Id}/manager");
        var reports = await GetAsync($"v1.0/users/{user.ManagerId}/directReports");
        var settings = await GetAsync($"v1.0/users/{user.Id}/mailboxSettings");

        Assert.HasCount(25, first["value"]!.AsArray());
        StringAssert.StartsWith(first["@odata.nextLink"]!.GetValue<string>(), _host.GraphBaseUrl);
        Assert.AreEqual(user.ManagerId, manager["id"]!.GetValue<string>());
        Assert.IsTrue(reports["value"]!.AsArray().Any(r => r!["id"]!.GetValue<string>() == user.Id));
        Assert.AreEqual("W. Europe Standard Time", settings["timeZone"]!.GetValue<string>());
    }

    [TestMethod]
    public async Task Delta_SecondRoundReturnsOnlyChanges_AndExpiredTokensAre410()
    {
        var user = _host.Tenant.Org.DemoUser;
        var events = _host.Tenant.Calendars.EventsFor(user.Id, s_week);
        var (all, deltaLink) = await DeltaRoundAsync(CalendarViewUrl(user, "UTC").Replace("/calendarView?", "/calendarView/delta?", StringComparison.Ordinal));
        _host.Tenant.Calendars.Move(user.Id, events[3].Id, TimeSpan.FromHours(1));
        _host.Tenant.Calendars.Delete(user.Id, events[4].Id);

        var (changes, _) = await DeltaRoundAsync(deltaLink);

        Assert.HasCount(events.Count, all);
        Assert.HasCount(2, changes);
        Assert.AreEqual(events[3].Id, changes[0]["id"]!.GetValue<string>());
        Assert.AreEqual(events[4].Id, changes[1]["id"]!.GetValue<string>());
        Assert.IsTrue(changes[1].ContainsKey("@removed"));
        _host.Tenant.Faults.ExpireDeltaTokens();
        using var gone = await _http.GetAsync(new Uri(deltaLink));
        Assert.AreEqual(HttpStatusCode.Gone, gone.StatusCode);
    }

    [TestMethod]
    public async Task SimEndpoints_MoveAndCancelAMeeting_AndAnUnknownMeetingIs404()
    {
        var user = _host.Tenant.Org.DemoUser;
        var meeting = _host.Tenant.Calendars.EventsFor(user.Id, s_week)[2];

        using var moved = await _http.PostAsync(new Uri($"sim/users/{user.Id}/events/{meeting.Id}/move?minutes=45", UriKind.Relative), null);
        using var cancelled = await _http.PostAsync(new Uri($"sim/users/{user.Id}/events/{meeting.Id}/cancel", UriKind.Relative), null);
        using var unknown = await _http.PostAsync(new Uri($"sim/users/{user.Id}/events/AAMkAG-2-2026-W48-999/cancel", UriKind.Relative), null);

        Assert.AreEqual(HttpStatusCode.OK, moved.StatusCode);
        Assert.AreEqual(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.AreEqual(HttpStatusCode.NotFound, unknown.StatusCode);
        var now = _host.Tenant.Calendars.Find(user.Id, meeting.Id)!;
        Assert.AreEqual(meeting.Start.AddMinutes(45), now.Start);
        Assert.IsTrue(now.IsCancelled);
        Assert.AreEqual(meeting.Label, now.Label);
    }

    private async Task<(List<JsonObject> Items, string DeltaLink)> DeltaRoundAsync(string url)
    {
        var items = new List<JsonObject>();
        while (true)
        {
            var page = await GetAsync(url, "odata.maxpagesize=10");
            items.AddRange(page["value"]!.AsArray().Select(e => e!.AsObject()));
            if (page["@odata.deltaLink"]?.GetValue<string>() is { } deltaLink)
            {
                return (items, deltaLink);
            }
            url = page["@odata.nextLink"]!.GetValue<string>();
        }
    }

    private static string CalendarViewUrl(SimulatedUser user, string zone)
    {
        var (start, end) = s_week.Bounds(TimeZoneInfo.FindSystemTimeZoneById(zone));
        return $"v1.0/users/{user.Id}/calendarView?startDateTime={Uri.EscapeDataString(start.ToString("o"))}&endDateTime={Uri.EscapeDataString(end.ToString("o"))}";
    }

    private async Task<JsonObject> GetAsync(string url, params string[] prefer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.RelativeOrAbsolute));
        foreach (var preference in prefer)
        {
            request.Headers.Add("Prefer", preference);
        }
        using var response = await _http.SendAsync(request);
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}
