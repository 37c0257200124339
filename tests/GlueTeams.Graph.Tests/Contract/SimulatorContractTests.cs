using System.Collections;
using System.Globalization;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json.Nodes;
using GlueTeams.Core.Weeks;
using GlueTeams.Graph.Calendars;
using GlueTeams.Simulator;
using Microsoft.AspNetCore.Builder;
using WebApplication = Microsoft.AspNetCore.Builder.WebApplication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Graph.Models;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Serialization.Json;

namespace GlueTeams.Graph.Tests.Contract;

/// <summary>
/// Nothing here has met real Graph, so the Microsoft.Graph SDK's generated models (made from Microsoft's published
/// metadata) are the contract the simulator is held to: every response the app uses, over a generated tenant, is read
/// through those models, and any property the models do not know (left in AdditionalData; OData annotations such as
/// "@odata.etag" and "@removed" aside) or any property the app reads that is missing fails the test.
/// </summary>
[TestClass]
public sealed class SimulatorContractTests : IAsyncDisposable
{
    private static readonly IsoWeek s_week = new(2026, 48);
    private static readonly string s_select = string.Join(',', GraphEventJson.SelectedFields);
    private SimulatorHost _host = null!;
    private HttpClient _http = null!;

    [TestInitialize]
    public async Task StartAsync()
    {
        _host = await SimulatorHost.StartAsync(new SimulatorOptions { Users = 40 });
        _http = new HttpClient { BaseAddress = new Uri(_host.GraphBaseUrl + "/") };
        _http.DefaultRequestHeaders.Authorization = new("Bearer", _host.Issuer.MintGraphAppToken());
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
    }

    [TestMethod]
    public async Task Users_Manager_DirectReports_MailboxSettings_MatchTheSdkModels()
    {
        var org = _host.Tenant.Org;
        var manager = org.Users.First(u => u.DirectReportIds.Count > 0);
        var report = org.Get(manager.DirectReportIds[0]);

        var users = await ReadAsync("users?$top=10", UserCollectionResponse.CreateFromDiscriminatorValue);
        var user = await ReadAsync($"users/{report.Id}", User.CreateFromDiscriminatorValue);
        var managerOf = await ReadAsync($"users/{report.Id}/manager", DirectoryObject.CreateFromDiscriminatorValue);
        var reports = await ReadAsync($"users/{manager.Id}/directReports", DirectoryObjectCollectionResponse.CreateFromDiscriminatorValue);
        var settings = await ReadAsync($"users/{report.Id}/mailboxSettings", MailboxSettings.CreateFromDiscriminatorValue);

        Assert.HasCount(10, users.Value!);
        Assert.AreEqual(report.Id, user.Id);
        RequireRead(user, nameof(User.DisplayName), nameof(User.Mail), nameof(User.UserPrincipalName));
        Assert.AreEqual(manager.Id, Assert.IsInstanceOfType<User>(managerOf).Id);
        Assert.AreEqual(manager.DirectReportIds.Count, reports.Value!.Count);
        foreach (var person in reports.Value!)
        {
            RequireRead(Assert.IsInstanceOfType<User>(person), nameof(User.Id), nameof(User.DisplayName), nameof(User.Mail));
        }
        Assert.IsFalse(string.IsNullOrEmpty(settings.TimeZone));
    }

    [TestMethod]
    public async Task CalendarViewPages_AndASingleEvent_MatchTheSdkModels()
    {
        var user = _host.Tenant.Org.DemoUser;
        var (start, end) = Window(user.TimeZone);

        var pages = 0;
        var events = new List<Event>();
        for (var next = $"users/{user.Id}/calendarView?startDateTime={start}&endDateTime={end}&$select={s_select}&$top=7"; next is not null; pages++)
        {
            var page = await ReadAsync(next, EventCollectionResponse.CreateFromDiscriminatorValue, user.TimeZone);
            events.AddRange(page.Value!);
            next = page.OdataNextLink;
        }
        var single = await ReadAsync($"users/{user.Id}/events/{Uri.EscapeDataString(events[0].Id!)}?$select={s_select}", Event.CreateFromDiscriminatorValue, user.TimeZone);

        Assert.IsGreaterThan(1, pages);
        Assert.AreEqual(_host.Tenant.Calendars.EventsFor(user.Id, s_week).Count(e => e.Type != "seriesMaster"), events.Count);
        foreach (var e in events.Append(single))
        {
            RequireEventFields(e);
        }
    }

    [TestMethod]
    public async Task DeltaPages_WithRemovedItems_MatchTheSdkModels()
    {
        var user = _host.Tenant.Org.DemoUser;
        var (start, end) = Window(user.TimeZone);
        var first = await ReadAllDeltaAsync($"users/{user.Id}/calendarView/delta()?startDateTime={start}&endDateTime={end}", user.TimeZone);
        var victim = first.Events.First(e => e.Type == EventType.SingleInstance);
        _host.Tenant.Calendars.Delete(user.Id, victim.Id!);

        var second = await ReadAllDeltaAsync(first.DeltaLink, user.TimeZone);

        foreach (var e in first.Events)
        {
            RequireEventFields(e);
        }
        var removed = second.Events.Single(e => e.Id == victim.Id);
        Assert.IsTrue(removed.AdditionalData.ContainsKey("@removed"), "a removed item carries @removed");
    }

    [TestMethod]
    public async Task BatchStepBodies_MatchTheSdkModels()
    {
        var users = _host.Tenant.Org.Users.Take(5).ToList();
        var requests = new JsonArray([.. users.Select((u, i) =>
        {
            var (start, end) = Window(u.TimeZone);
            return (JsonNode)new JsonObject
            {
                ["id"] = (i + 1).ToString(CultureInfo.InvariantCulture),
                ["method"] = "GET",
                ["url"] = $"/users/{u.Id}/calendarView?startDateTime={start}&endDateTime={end}&$select={s_select}",
                ["headers"] = new JsonObject { ["Prefer"] = $"outlook.timezone=\"{u.TimeZone}\"" },
            };
        })]);

        using var response = await _http.PostAsJsonAsync("$batch", new JsonObject { ["requests"] = requests });
        var batch = (await response.Content.ReadFromJsonAsync<JsonObject>())!;

        var steps = batch["responses"]!.AsArray();
        Assert.HasCount(users.Count, steps);
        foreach (var step in steps)
        {
            Assert.AreEqual(200, step!["status"]!.GetValue<int>());
            var page = Parse(step["body"]!.ToJsonString(), EventCollectionResponse.CreateFromDiscriminatorValue);
            foreach (var e in page.Value!)
            {
                RequireEventFields(e);
            }
        }
    }

    [TestMethod]
    public async Task Subscriptions_CreateAndRenew_MatchTheSdkModels()
    {
        await using var receiver = await ValidationEcho.StartAsync();
        var user = _host.Tenant.Org.DemoUser;
        var expires = _host.Tenant.Time.GetUtcNow().AddDays(2);
        var body = new JsonObject
        {
            ["changeType"] = "created,updated,deleted",
            ["notificationUrl"] = receiver.Url.ToString(),
            ["resource"] = $"users/{user.Id}/events",
            ["expirationDateTime"] = expires.ToString("o", CultureInfo.InvariantCulture),
            ["clientState"] = "state",
        };

        using var created = await _http.PostAsJsonAsync("subscriptions", body);
        var subscription = Parse(await created.Content.ReadAsStringAsync(), Subscription.CreateFromDiscriminatorValue);
        using var renewed = await _http.PatchAsJsonAsync($"subscriptions/{subscription.Id}", new JsonObject { ["expirationDateTime"] = expires.AddDays(1).ToString("o", CultureInfo.InvariantCulture) });
        var renewal = Parse(await renewed.Content.ReadAsStringAsync(), Subscription.CreateFromDiscriminatorValue);

        Assert.IsTrue(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        RequireRead(subscription, nameof(Subscription.Id), nameof(Subscription.ExpirationDateTime), nameof(Subscription.Resource), nameof(Subscription.ClientState));
        Assert.IsTrue(renewed.IsSuccessStatusCode, await renewed.Content.ReadAsStringAsync());
        Assert.AreEqual(expires.AddDays(1).ToUnixTimeSeconds(), renewal.ExpirationDateTime!.Value.ToUnixTimeSeconds());
    }

    private static (string Start, string End) Window(string zoneId)
    {
        var (start, end) = s_week.Bounds(TimeZoneInfo.FindSystemTimeZoneById(zoneId));
        return (Utc(start), Utc(end));

        static string Utc(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }

    private async Task<(List<Event> Events, string DeltaLink)> ReadAllDeltaAsync(string first, string zone)
    {
        var events = new List<Event>();
        string? next = first;
        while (true)
        {
            var page = await ReadAsync(next, Microsoft.Graph.Users.Item.CalendarView.Delta.DeltaGetResponse.CreateFromDiscriminatorValue, zone);
            events.AddRange(page.Value!);
            if (page.OdataNextLink is { } link)
            {
                next = link;
                continue;
            }
            return (events, page.OdataDeltaLink ?? throw new AssertFailedException("a delta round ends with a deltaLink"));
        }
    }

    private async Task<T> ReadAsync<T>(string url, ParsableFactory<T> factory, string? zone = null) where T : IParsable
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (zone is not null)
        {
            request.Headers.Add("Prefer", $"outlook.timezone=\"{zone}\"");
        }
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.IsTrue(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {text}");
        return Parse(text, factory);
    }

    /// <summary>Reads JSON through the SDK's own parse nodes and fails on anything the model left in AdditionalData.</summary>
    private static T Parse<T>(string json, ParsableFactory<T> factory) where T : IParsable
    {
        var node = new JsonParseNode(System.Text.Json.JsonDocument.Parse(json).RootElement);
        var model = node.GetObjectValue(factory) ?? throw new AssertFailedException("the SDK read nothing");
        var unknown = new List<string>();
        CollectUnknown(model, typeof(T).Name, unknown);
        Assert.IsEmpty(unknown, "properties the SDK models do not know: " + string.Join(", ", unknown));
        return model;
    }

    private static void CollectUnknown(object model, string path, List<string> unknown)
    {
        if (model is IAdditionalDataHolder holder)
        {
            unknown.AddRange(holder.AdditionalData.Keys.Where(k => !k.StartsWith('@')).Select(k => $"{path}.{k}"));
        }
        foreach (var property in model.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.Name is "AdditionalData" or "BackingStore")
            {
                continue;
            }
            switch (property.GetValue(model))
            {
                case IParsable child:
                    CollectUnknown(child, $"{path}.{property.Name}", unknown);
                    break;
                case IEnumerable items and not string:
                    foreach (var item in items.OfType<IParsable>())
                    {
                        CollectUnknown(item, $"{path}.{property.Name}[]", unknown);
                    }
                    break;
            }
        }
    }

    /// <summary>Every field GraphEventJson reads that the simulator always sends is there, as the SDK reads it.</summary>
    private static void RequireEventFields(Event e)
    {
        RequireRead(e, nameof(Event.Id), nameof(Event.ICalUId), nameof(Event.Subject), nameof(Event.Start), nameof(Event.End),
            nameof(Event.IsAllDay), nameof(Event.IsCancelled), nameof(Event.IsOrganizer), nameof(Event.Organizer), nameof(Event.Attendees),
            nameof(Event.Type), nameof(Event.Sensitivity), nameof(Event.Categories), nameof(Event.ShowAs), nameof(Event.ResponseStatus));
        Assert.IsNotNull(e.Start!.DateTime, "start.dateTime");
        Assert.IsNotNull(e.Start.TimeZone, "start.timeZone");
        Assert.IsNotNull(e.Organizer!.EmailAddress?.Address, "organizer.emailAddress.address");
        Assert.IsTrue(e.Attendees!.All(a => a.EmailAddress?.Address is not null && a.Type is not null), "attendees[].emailAddress.address and type");
        Assert.IsNull(e.Body, "the body is never returned to a $select without it");
    }

    private static void RequireRead(object model, params string[] properties)
    {
        foreach (var name in properties)
        {
            Assert.IsNotNull(model.GetType().GetProperty(name)!.GetValue(model), $"{model.GetType().Name}.{name} is missing");
        }
    }

    /// <summary>A notification URL that passes Graph's validation handshake: it echoes validationToken as text/plain.</summary>
    private sealed class ValidationEcho : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private ValidationEcho(WebApplication app) => _app = app;

        public Uri Url => new(_app.Urls.First() + "/notify");

        public static async Task<ValidationEcho> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            app.MapPost("/notify", (string? validationToken) => validationToken is null ? Results.Accepted() : Results.Text(validationToken, "text/plain"));
            await app.StartAsync();
            return new ValidationEcho(app);
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
