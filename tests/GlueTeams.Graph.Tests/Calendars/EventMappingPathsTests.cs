using System.Text.Json;
using System.Text.Json.Nodes;
using GlueTeams.Core.Suggestions;
using GlueTeams.Core.Weeks;
using GlueTeams.Graph.Auth;
using GlueTeams.Graph.Calendars;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace GlueTeams.Graph.Tests.Calendars;

/// <summary>
/// The same Graph event JSON, read through every path the app uses (calendarView pages, $batch, delta, a single
/// event), through the real SDK over loopback, gives the same answer: one mapper. The server here answers each route
/// with the one event under test, so that the JSON is exactly what the test says, zone names included.
/// </summary>
[TestClass]
public sealed class EventMappingPathsTests
{
    private const string UserId = "u1";
    private static readonly TimeZoneInfo s_berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly IsoWeek s_week = new(2026, 48);

    [TestMethod]
    [DataRow("Mars Standard Time", DisplayName = "unknown zone name")]
    [DataRow(null, DisplayName = "no zone name")]
    public async Task EveryPath_ZoneMissingOrUnknown_ReadsTheTimeInTheRequestedZone(string? zoneName)
    {
        // Sunday 23:30 in Berlin is still week 48; read as UTC it would be Monday 00:30 in Berlin, week 49.
        var json = Event(start: Time("2026-11-29T23:30:00", zoneName), end: Time("2026-11-30T00:15:00", zoneName));
        await using var graph = await FixedGraph.StartAsync(json);

        var read = await graph.ReadEveryPathAsync();

        var expectedStart = new DateTimeOffset(2026, 11, 29, 23, 30, 0, TimeSpan.FromHours(1));
        foreach (var (path, events) in read)
        {
            var only = events.Single();
            Assert.AreEqual(expectedStart, only.Start, path);
            Assert.AreEqual(TimeSpan.FromMinutes(45), only.End - only.Start, path);
            Assert.AreEqual(s_week, IsoWeek.Containing(only.Start, s_berlin), path);
            Assert.AreEqual("Mentoring with Sam", only.Subject, path);
        }
        Assert.AreEqual(0L, graph.Counters.UnreadableEvents);
    }

    [TestMethod]
    public async Task EveryPath_MissingStart_SkipsTheEventAndCountsIt()
    {
        var json = Event(start: null, end: Time("2026-11-30T10:00:00", "UTC"));
        await using var graph = await FixedGraph.StartAsync(json);

        var read = await graph.ReadEveryPathAsync();

        foreach (var (path, events) in read)
        {
            Assert.IsEmpty(events, path);
        }
        Assert.AreEqual(read.Count, (int)graph.Counters.UnreadableEvents);
    }

    private static JsonObject? Time(string dateTime, string? zone)
    {
        var time = new JsonObject { ["dateTime"] = dateTime };
        if (zone is not null)
        {
            time["timeZone"] = zone;
        }
        return time;
    }

    private static JsonObject Event(JsonObject? start, JsonObject? end)
    {
        var json = new JsonObject
        {
            ["id"] = "AAMkEvent1",
            ["iCalUId"] = "040000008200E00074C5B7101A82E008",
            ["subject"] = "Mentoring with Sam",
            ["type"] = "singleInstance",
            ["showAs"] = "busy",
            ["attendees"] = new JsonArray(new JsonObject { ["type"] = "required", ["emailAddress"] = new JsonObject { ["address"] = "sam@contoso.com" } }),
        };
        if (start is not null)
        {
            json["start"] = start;
        }
        if (end is not null)
        {
            json["end"] = end;
        }
        return json;
    }

    /// <summary>A loopback Graph that answers calendarView, $batch, delta and a single event with one given event.</summary>
    private sealed class FixedGraph : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private FixedGraph(WebApplication app, CalendarReader reader, GraphCounters counters) => (_app, Reader, Counters) = (app, reader, counters);

        public CalendarReader Reader { get; }
        public GraphCounters Counters { get; }

        public static async Task<FixedGraph> StartAsync(JsonObject graphEvent)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var one = graphEvent.ToJsonString();
            app.MapGet("/dev/token", () => Results.Json(new { access_token = "token", expires_in = 3600 }));
            app.MapGet("/v1.0/users/{user}/calendarView", () => Results.Text($$"""{"value":[{{one}}]}""", "application/json"));
            app.MapGet("/v1.0/users/{user}/events/{id}", () => Results.Text(one, "application/json"));
            app.MapGet("/v1.0/users/{user}/calendarView/delta()", (HttpRequest request) =>
                Results.Text($$"""{"value":[{{one}}],"@odata.deltaLink":"{{request.Scheme}}://{{request.Host}}/v1.0/users/{{UserId}}/calendarView/delta?$deltatoken=t1"}""", "application/json"));
            app.MapPost("/v1.0/$batch", async (HttpRequest request) =>
            {
                using var body = await JsonDocument.ParseAsync(request.Body);
                var responses = body.RootElement.GetProperty("requests").EnumerateArray()
                    .Select(step => $$$"""{"id":"{{{step.GetProperty("id").GetString()}}}","status":200,"headers":{"Content-Type":"application/json"},"body":{"value":[{{{one}}}]}}""");
                return Results.Text($$"""{"responses":[{{string.Join(",", responses)}}]}""", "application/json");
            });
            await app.StartAsync();
            var baseUrl = new Uri(app.Urls.First());
            var options = new GraphOptions { BaseUrl = new Uri(baseUrl, "v1.0").ToString(), DevTokenUrl = new Uri(baseUrl, "dev/token") };
            var counters = new GraphCounters();
            var client = GraphClients.Create(options, GraphCredentials.From(options), counters);
            return new FixedGraph(app, new CalendarReader(client, options, counters), counters);
        }

        public async Task<Dictionary<string, IReadOnlyList<CalendarEvent>>> ReadEveryPathAsync()
        {
            var request = new WeekRequest(UserId, s_week, s_berlin);
            var single = await Reader.ReadEventAsync(UserId, "AAMkEvent1", s_berlin);
            return new()
            {
                ["calendarView"] = await Reader.ReadWeekAsync(request),
                ["$batch"] = (await Reader.ReadWeeksAsync([request])).Single().Events,
                ["delta"] = (await Reader.ReadWeekChangesAsync(request, null)).Changed,
                ["single event"] = single is null ? [] : [single],
            };
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
