using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using GlueTeams.App.Outbox;
using GlueTeams.App.Tests.Hosting;
using GlueTeams.Core.Records;
using GlueTeams.Core.Weeks;
using GlueTeams.Storage;
using GlueTeams.Storage.Activities;
using GlueTeams.Storage.Queues;
using GlueTeams.Storage.Users;
using GlueTeams.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GlueTeams.App.Tests.Bot;

/// <summary>The app in-process plus helpers to post Teams-shaped activities and to seed and read its tables.</summary>
internal sealed class BotHarness : IAsyncDisposable
{
    public const string TenantId = "00000000-0000-0000-0000-0000000000001";
    public const string UserId = "00000000-0000-0000-0000-0000000000020";
    public const string TeamsUserId = "29:user-1";
    public const string ServiceUrl = "https://smba.trafficmanager.net/amer/";

    private int _nextId;

    /// <param name="kestrelPort">Serve on this loopback port too (for callers outside the process, such as Graph's notifications).</param>
    public BotHarness(IReadOnlyDictionary<string, string?>? settings = null, StorageOptions? storage = null, int? kestrelPort = null)
    {
        App = new AppFactory(AppFactory.WithPatientWaits(settings), storage);
        if (kestrelPort is { } port)
        {
            App.UseKestrel(port);
            App.StartServer();
        }
        Client = App.CreateClient();
    }

    /// <summary>An app whose connector calls go over HTTP to <paramref name="serviceUrl"/> (the connector simulator), which every activity names.</summary>
    public BotHarness(Uri serviceUrl, IReadOnlyDictionary<string, string?>? settings = null, StorageOptions? storage = null, Action<IServiceCollection>? services = null)
    {
        App = new AppFactory(AppFactory.WithPatientWaits(settings), storage, realConnector: true, services: services);
        Client = App.CreateClient();
        DefaultServiceUrl = serviceUrl.AbsoluteUri;
    }

    /// <summary>The serviceUrl activities carry unless a test says otherwise.</summary>
    public string DefaultServiceUrl { get; } = ServiceUrl;

    public AppFactory App { get; }
    public HttpClient Client { get; }
    public ActivityStore Activities => App.Services.GetRequiredService<ActivityStore>();
    public UserStore Users => App.Services.GetRequiredService<UserStore>();
    public GlueTables Tables => App.Services.GetRequiredService<GlueTables>();
    public static IsoWeek ThisWeek => IsoWeek.Containing(TestClock.Shared.GetUtcNow(), TimeZoneInfo.Utc);

    public JsonObject Activity(string type, string tenantId = TenantId, string userId = UserId, string? serviceUrl = null) => new()
    {
        ["type"] = type,
        ["id"] = "activity-" + Interlocked.Increment(ref _nextId),
        ["serviceUrl"] = serviceUrl ?? DefaultServiceUrl,
        ["channelId"] = "msteams",
        ["from"] = new JsonObject { ["id"] = TeamsUserId, ["name"] = "Ada", ["aadObjectId"] = userId },
        ["recipient"] = new JsonObject { ["id"] = "28:bot", ["name"] = "GlueTeams" },
        ["conversation"] = new JsonObject { ["id"] = "a:chat-" + userId, ["conversationType"] = "personal", ["tenantId"] = tenantId },
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = tenantId } },
    };

    public JsonObject Install(string? serviceUrl = null)
    {
        var activity = Activity("installationUpdate", serviceUrl: serviceUrl);
        activity["action"] = "add";
        return activity;
    }

    public JsonObject Message(string text)
    {
        var activity = Activity("message");
        activity["text"] = text;
        return activity;
    }

    public JsonObject Invoke(string verb, IReadOnlyDictionary<string, string>? data = null, string tenantId = TenantId, string userId = UserId)
    {
        var dataJson = new JsonObject();
        foreach (var (key, value) in data ?? new Dictionary<string, string>())
        {
            dataJson[key] = value;
        }
        return InvokeJson(verb, dataJson, tenantId, userId);
    }

    /// <summary>An invoke whose data is any JSON (the week card's "Confirm week" carries an object of ETags).</summary>
    public JsonObject InvokeJson(string verb, JsonObject data, string tenantId = TenantId, string userId = UserId)
    {
        var activity = Activity("invoke", tenantId, userId);
        activity["name"] = "adaptiveCard/action";
        activity["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data } };
        return activity;
    }

    public Task<HttpResponseMessage> PostAsync(JsonObject activity, string? authorization = null) => PostAsync(activity.ToJsonString(), authorization);

    /// <summary>Posts an activity, then waits until the outbox has sent what the turn queued (the reply goes out after the 200).</summary>
    public async Task<HttpResponseMessage> PostAsync(string body, string? authorization = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (authorization is not null)
        {
            request.Headers.Authorization = AuthenticationHeaderValue.Parse(authorization);
        }
        var response = await Client.SendAsync(request);
        await DrainOutboxAsync();
        return response;
    }

    /// <summary>Waits (at most <paramref name="timeout"/>, 15 s by default) until the outbox queue holds nothing: every queued message was sent or dropped.</summary>
    public async Task<bool> DrainOutboxAsync(TimeSpan? timeout = null)
    {
        var queue = App.Services.GetRequiredService<WorkQueue<OutboxMessage>>();
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await queue.ApproximateCountAsync() == 0)
                {
                    return true;
                }
            }
            catch (Azure.RequestFailedException e) when (e.Status == 404)
            {
                return true; // nothing was ever queued
            }
            await Task.Delay(50);
        }
        return false;
    }

    /// <summary>Posts an invoke and returns the card of the invoke response (asserting that it is one).</summary>
    public async Task<JsonObject> InvokeCardAsync(JsonObject invoke)
    {
        using var response = await PostAsync(invoke);
        var text = await response.Content.ReadAsStringAsync();
        Assert.AreEqual(200, (int)response.StatusCode, text);
        var json = JsonNode.Parse(text)!.AsObject();
        Assert.AreEqual("application/vnd.microsoft.card.adaptive", (string?)json["type"], text);
        return json["value"]!.AsObject();
    }

    /// <summary>The messages the bot sent through the connector (not typing indicators), oldest first.</summary>
    public IReadOnlyList<RecordedRequest> SentMessages() =>
        [.. App.Connector.Requests.Where(r => (string?)JsonNode.Parse(r.Body)!["type"] == "message")];

    /// <summary>The cards the bot sent through the connector, oldest first.</summary>
    public IReadOnlyList<JsonObject> SentCards() =>
        [.. SentMessages().Select(r => JsonNode.Parse(r.Body)!["attachments"]![0]!["content"]!.AsObject())];

    /// <summary>Writes records of this week for a user, as a calendar sync would; returns them as stored.</summary>
    public async Task<IReadOnlyList<StoredRecord>> SeedAsync(params (string Title, string Category, string? Series)[] meetings) =>
        await SeedForAsync(TenantId, UserId, meetings);

    public async Task<IReadOnlyList<StoredRecord>> SeedForAsync(string tenantId, string userId, params (string Title, string Category, string? Series)[] meetings)
    {
        var monday = ThisWeek.Bounds(TimeZoneInfo.Utc).Start;
        var records = meetings.Select((m, i) => new ActivityRecord
        {
            TenantId = tenantId,
            UserId = userId,
            EventKey = $"event-{i}-{Guid.NewGuid():N}",
            SeriesId = m.Series,
            Week = ThisWeek,
            Start = monday.AddHours(9 + i),
            End = monday.AddHours(9 + i).AddMinutes(30),
            Title = m.Title,
            Suggestion = new Suggestion(m.Category, 0.9, $"\"{m.Title}\" reads like {m.Category}"),
        }).ToList();
        await Activities.UpsertObservedAsync(records);
        return await Activities.ListAsync(tenantId, userId, ThisWeek, ThisWeek);
    }

    public Task<IReadOnlyList<StoredRecord>> StoredAsync(string tenantId = TenantId, string userId = UserId) =>
        Activities.ListAsync(tenantId, userId, ThisWeek, ThisWeek);

    /// <summary>Every row of a table, to prove a refused request wrote nothing.</summary>
    public static async Task<int> CountAsync(TableClient table)
    {
        var count = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(select: ["PartitionKey"]))
        {
            count++;
        }
        return count;
    }

    /// <summary>Every text on a card (text blocks, titles, values), one per line, unescaped.</summary>
    public static string Texts(JsonNode? node) => node switch
    {
        JsonObject o => string.Join("\n", o.Select(p => p.Value is JsonValue v && v.TryGetValue<string>(out var text) ? text : Texts(p.Value))),
        JsonArray a => string.Join("\n", a.Select(Texts)),
        _ => "",
    };

    public static string? Notice(JsonObject card) =>
        card["body"]!.AsArray().FirstOrDefault(e => (string?)e!["id"] == "notice")?["text"]?.GetValue<string>();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
    }
}
