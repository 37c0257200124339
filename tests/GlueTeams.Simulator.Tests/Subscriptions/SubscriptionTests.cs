using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GlueTeams.Core.Weeks;

namespace GlueTeams.Simulator.Tests.Subscriptions;

[TestClass]
public sealed class SubscriptionTests : IAsyncDisposable
{
    private SimulatorHost _host = null!;
    private NotificationReceiver _receiver = null!;
    private HttpClient _http = null!;

    [TestInitialize]
    public async Task StartAsync()
    {
        _host = await SimulatorHost.StartAsync(new SimulatorOptions { Users = 30 });
        _receiver = await NotificationReceiver.StartAsync();
        _http = new HttpClient { BaseAddress = _host.BaseUrl };
        _http.DefaultRequestHeaders.Authorization = new("Bearer", _host.Issuer.MintGraphAppToken());
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _receiver.DisposeAsync();
        await _host.DisposeAsync();
    }

    [TestMethod]
    public async Task Create_ValidatesTheNotificationUrl_ThenPostsChangesWithTheClientState()
    {
        var user = _host.Tenant.Org.DemoUser;
        using var created = await CreateAsync($"users/{user.Id}/events", _receiver.Url, TimeSpan.FromDays(2));
        var subscription = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        var meeting = _host.Tenant.Calendars.EventsFor(user.Id, new IsoWeek(2026, 48))[3];

        _host.Tenant.Calendars.Move(user.Id, meeting.Id, TimeSpan.FromMinutes(15));
        var notification = (await _receiver.NextNotificationAsync())["value"]![0]!;

        Assert.AreEqual(HttpStatusCode.Created, created.StatusCode);
        Assert.AreEqual(1, _receiver.ValidationRequests);
        Assert.AreEqual(subscription["id"]!.GetValue<string>(), notification["subscriptionId"]!.GetValue<string>());
        Assert.AreEqual("secret-state", notification["clientState"]!.GetValue<string>());
        Assert.AreEqual("updated", notification["changeType"]!.GetValue<string>());
        Assert.AreEqual(meeting.Id, notification["resourceData"]!["id"]!.GetValue<string>());
    }

    [TestMethod]
    public async Task Create_WhenTheEndpointDoesNotEchoTheToken_Is400AndNothingIsSubscribed()
    {
        _receiver.EchoValidationToken = false;

        using var response = await CreateAsync($"users/{_host.Tenant.Org.DemoUser.Id}/events", _receiver.Url, TimeSpan.FromDays(1));

        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.IsEmpty(_host.Tenant.Subscriptions.All);
    }

    [TestMethod]
    public async Task Create_BeyondTheCalendarLifetimeLimitOrToANonLoopbackUrl_Is400()
    {
        var resource = $"users/{_host.Tenant.Org.DemoUser.Id}/events";

        using var tooLong = await CreateAsync(resource, _receiver.Url, TimeSpan.FromMinutes(10081));
        using var remote = await CreateAsync(resource, new Uri("https://example.com/notifications"), TimeSpan.FromDays(1));

        Assert.AreEqual(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.AreEqual(HttpStatusCode.BadRequest, remote.StatusCode);
        Assert.AreEqual(0, _receiver.ValidationRequests);
    }

    [TestMethod]
    public async Task Renew_MovesTheExpiry_AndDelete_StopsNotifications()
    {
        var user = _host.Tenant.Org.DemoUser;
        using var created = await CreateAsync($"users/{user.Id}/events", _receiver.Url, TimeSpan.FromDays(1));
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        var renewedUntil = DateTimeOffset.UtcNow.AddDays(6);

        using var renewed = await _http.PatchAsJsonAsync(new Uri($"v1.0/subscriptions/{id}", UriKind.Relative),
            new { expirationDateTime = renewedUntil.ToString("o", CultureInfo.InvariantCulture) });
        using var deleted = await _http.DeleteAsync(new Uri($"v1.0/subscriptions/{id}", UriKind.Relative));
        using var deletedAgain = await _http.DeleteAsync(new Uri($"v1.0/subscriptions/{id}", UriKind.Relative));

        Assert.AreEqual(HttpStatusCode.OK, renewed.StatusCode);
        Assert.AreEqual(renewedUntil, DateTimeOffset.Parse((await renewed.Content.ReadFromJsonAsync<JsonObject>())!["expirationDateTime"]!.GetValue<string>(), CultureInfo.InvariantCulture));
        Assert.AreEqual(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.AreEqual(HttpStatusCode.NotFound, deletedAgain.StatusCode);
        Assert.IsEmpty(_host.Tenant.Subscriptions.All);
    }

    private Task<HttpResponseMessage> CreateAsync(string resource, Uri notificationUrl, TimeSpan lifetime) =>
        _http.PostAsJsonAsync(new Uri("v1.0/subscriptions", UriKind.Relative), new
        {
            changeType = "created,updated,deleted",
            notificationUrl = notificationUrl.AbsoluteUri,
            resource,
            expirationDateTime = DateTimeOffset.UtcNow.Add(lifetime).ToString("o", CultureInfo.InvariantCulture),
            clientState = "secret-state",
        });
}
