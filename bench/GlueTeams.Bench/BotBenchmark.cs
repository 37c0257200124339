using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using GlueTeams.Core.Records;
using GlueTeams.Core.Weeks;
using GlueTeams.Storage.Activities;
using GlueTeams.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using static System.FormattableString;

namespace GlueTeams.Bench;

/// <summary>
/// Latency of weekly card actions (adaptiveCard/action invokes) against the app in this process, served by Kestrel on
/// loopback with Azurite behind it, next to GET /healthz (no storage) as the baseline of the same run.
/// </summary>
internal static class BotBenchmark
{
    private const int Requests = 600;
    private const int Warmup = 50;
    private const int Rows = 20;
    private const string Tenant = "bench-tenant";
    private const string User = "bench-user";

    // Any type of the app's assembly names it; the bench has a Program of its own.
    private sealed class App : WebApplicationFactory<GlueTeams.App.Bot.WeekCards>
    {
        public GlueTeams.Storage.StorageOptions Storage { get; } = Azurite.NewStorageOptions();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Storage:ConnectionString", Storage.ConnectionString);
            builder.UseSetting("Storage:TablePrefix", Storage.TablePrefix);
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
        }
    }

    public static async Task<string> RunAsync()
    {
        // The factory finds the app's content root through this variable when the bench's own build did not record it.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_GLUETEAMS_APP", Path.Combine(Azurite.RepositoryRoot(), "src", "GlueTeams.App"));
        await using var app = new App();
        app.UseKestrel(0);
        app.StartServer();
        using var client = app.CreateClient();
        var week = IsoWeek.Containing(TestClock.Shared.GetUtcNow(), TimeZoneInfo.Utc);
        var etags = await SeedAsync(app.Services.GetRequiredService<ActivityStore>(), week);
        var ids = etags.Keys.Order(StringComparer.Ordinal).ToArray();
        var next = 0;

        var healthz = await MeasureAsync(_ => client.GetAsync(new Uri("/healthz", UriKind.Relative)), null);
        var confirm = await MeasureAsync(i =>
        {
            var id = ids[i % ids.Length];
            var data = new JsonObject { ["id"] = id, ["etag"] = etags[id], ["week"] = week.ToString(), ["cat:" + id] = i % 2 == 0 ? "mentoring" : "onboarding" };
            return client.PostAsJsonAsync("/api/messages", Invoke(++next, "confirm", data));
        }, etags);
        var confirmAll = await MeasureAsync(i =>
        {
            var shown = new JsonObject();
            var data = new JsonObject { ["week"] = week.ToString(), ["etags"] = shown };
            foreach (var id in ids)
            {
                shown[id] = etags[id];
                data["cat:" + id] = i % 2 == 0 ? "process" : "incident";
            }
            return client.PostAsJsonAsync("/api/messages", Invoke(++next, "confirmAll", data));
        }, etags);

        return Invariant($"""
            ### bot

            Weekly card actions as Teams sends them (POST /api/messages, adaptiveCard/action invoke, each with a new activity id), {Requests} requests each after {Warmup} warm-up, one at a time, against the app in this process on Kestrel over loopback, with Azurite on loopback; a week of {Rows} rows. Each invoke claims its activity id, reads the week, writes and answers with the whole card.

            | request | p50 ms | p99 ms | max ms |
            | --- | ---: | ---: | ---: |
            | baseline: GET /healthz | {healthz.P50:F2} | {healthz.P99:F2} | {healthz.Max:F2} |
            | confirm one row, category changed | {confirm.P50:F2} | {confirm.P99:F2} | {confirm.Max:F2} |
            | Confirm all ({Rows} rows) | {confirmAll.P50:F2} | {confirmAll.P99:F2} | {confirmAll.Max:F2} |

            Target: p99 < 100 ms for an action.

            """);
    }

    private static JsonObject Invoke(int n, string verb, JsonObject data) => new()
    {
        ["type"] = "invoke",
        ["name"] = "adaptiveCard/action",
        ["id"] = Invariant($"bench-{n}-{Guid.NewGuid():N}"),
        ["serviceUrl"] = "http://localhost:1/_connector",
        ["channelId"] = "msteams",
        ["from"] = new JsonObject { ["id"] = "29:bench", ["aadObjectId"] = User },
        ["recipient"] = new JsonObject { ["id"] = "28:bot" },
        ["conversation"] = new JsonObject { ["id"] = "a:bench", ["conversationType"] = "personal", ["tenantId"] = Tenant },
        ["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data } },
    };

    private static async Task<Dictionary<string, string>> SeedAsync(ActivityStore store, IsoWeek week)
    {
        var monday = week.Bounds(TimeZoneInfo.Utc).Start;
        await store.UpsertObservedAsync([.. Enumerable.Range(0, Rows).Select(i => new ActivityRecord
        {
            TenantId = Tenant,
            UserId = User,
            EventKey = Invariant($"bench-{i:D2}"),
            Week = week,
            Start = monday.AddHours(8 + i),
            End = monday.AddHours(8 + i).AddMinutes(30),
            Title = Invariant($"Design review {i}"),
            Suggestion = new Suggestion("design-review", 0.9, "the title says \"design review\""),
        })]);
        return (await store.ListAsync(Tenant, User, week, week)).ToDictionary(r => r.Id, r => r.ETag.ToString());
    }

    private sealed record Latency(double P50, double P99, double Max);

    /// <summary>Times each request; after each invoke, takes the rows' new ETags from the card it answered with.</summary>
    private static async Task<Latency> MeasureAsync(Func<int, Task<HttpResponseMessage>> send, Dictionary<string, string>? etags)
    {
        var times = new List<double>(Requests);
        for (var i = 0; i < Warmup + Requests; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await send(i);
            var body = await response.Content.ReadAsStringAsync();
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            response.EnsureSuccessStatusCode();
            if (i >= Warmup)
            {
                times.Add(elapsed);
            }
            if (etags is not null)
            {
                UpdateETags(body, etags);
            }
        }
        times.Sort();
        return new Latency(times[times.Count / 2], times[(int)Math.Ceiling(times.Count * 0.99) - 1], times[^1]);
    }

    private static void UpdateETags(string body, Dictionary<string, string> etags)
    {
        using var json = JsonDocument.Parse(body);
        var card = json.RootElement.GetProperty("value");
        if (card.TryGetProperty("body", out var elements) && elements.EnumerateArray().Any(e => e.TryGetProperty("id", out var id) && id.GetString() == "notice"
            && e.GetProperty("color").GetString() == "attention"))
        {
            throw new InvalidOperationException("An action was refused: " + body[..Math.Min(body.Length, 500)]);
        }
        foreach (var action in card.GetProperty("actions").EnumerateArray())
        {
            if (action.TryGetProperty("verb", out var verb) && verb.GetString() == "confirmAll")
            {
                foreach (var row in action.GetProperty("data").GetProperty("etags").EnumerateObject())
                {
                    etags[row.Name] = row.Value.GetString()!;
                }
            }
        }
    }
}
