using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GlueTeams.Simulator.Calendars;
using GlueTeams.Simulator.Org;

namespace GlueTeams.Simulator.Api;

/// <summary>
/// The simulated Graph v1.0: one dispatcher for HTTP requests and $batch steps alike, so that authentication, the fault
/// knobs and the per-mailbox concurrency limit apply to each step as Graph applies them.
/// </summary>
public sealed partial class GraphApi(SimulatedTenant tenant)
{
    public const int MaxBatchSize = 20;
    private const int MaxPageSize = 1000;

    public async Task<GraphResponse> HandleAsync(GraphRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var segments = request.Path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var kind = Kind(segments);
        tenant.Counters.Request(kind);
        var response = await ServeAsync(request, segments, kind, cancellationToken);
        tenant.Counters.Answered(response.Status);
        return response;
    }

    private async Task<GraphResponse> ServeAsync(GraphRequest request, string[] segments, string kind, CancellationToken cancellationToken)
    {
        if (request.Header("Authorization") is not { Length: > 7 } authorization || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return GraphResponse.Error(401, "InvalidAuthenticationToken", "Access token is empty.");
        }
        var faults = tenant.Faults;
        if (faults.Draw() is { } status)
        {
            return status == 429
                ? GraphResponse.Error(429, "TooManyRequests", "Too many requests.", RetryAfter())
                : GraphResponse.Error(503, "ServiceUnavailable", "The service is temporarily unavailable.", RetryAfter());
        }
        var user = segments is ["users", var id, ..] ? tenant.Org.Find(Uri.UnescapeDataString(id)) : null;
        if (user is not null && (faults.DeniedUsers.ContainsKey(user.Id) || faults.DeniedUsers.ContainsKey(user.Mail)))
        {
            return GraphResponse.Error(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
        }
        if (kind is not ("calendarView" or "delta" or "event" or "mailboxSettings") || user is null)
        {
            return await RouteAsync(request, segments, kind, user, cancellationToken);
        }
        using var slot = tenant.Gate.TryEnter(user.Id, faults.MailboxConcurrencyLimit);
        return slot is null
            ? GraphResponse.Error(429, "ApplicationThrottled", "Application is over its MailboxConcurrency limit.", RetryAfter())
            : await RouteAsync(request, segments, kind, user, cancellationToken);
    }

    private async Task<GraphResponse> RouteAsync(GraphRequest request, string[] segments, string kind, SimulatedUser? user, CancellationToken cancellationToken)
    {
        if (tenant.Faults.Latency > TimeSpan.Zero)
        {
            await Task.Delay(tenant.Faults.Latency, tenant.Time, cancellationToken);
        }
        if (segments is ["users", _, ..] && user is null)
        {
            return GraphResponse.Error(404, "Request_ResourceNotFound", $"Resource '{segments[1]}' does not exist or one of its queried reference-property objects are not present.");
        }
        return (kind, request.Method.ToUpperInvariant()) switch
        {
            ("batch", "POST") => await BatchAsync(request, cancellationToken),
            ("users", "GET") => Users(request),
            ("user", "GET") => new GraphResponse(200, UserWithExpand(request, user!)),
            ("manager", "GET") => user!.ManagerId is { } managerId
                ? new GraphResponse(200, GraphJson.User(tenant.Org.Get(managerId)))
                : GraphResponse.Error(404, "Request_ResourceNotFound", "Resource 'manager' does not exist or one of its queried reference-property objects are not present."),
            ("directReports", "GET") => new GraphResponse(200, new JsonObject
            {
                ["value"] = new JsonArray([.. user!.DirectReportIds.Select(r => (JsonNode)GraphJson.User(tenant.Org.Get(r)))]),
            }),
            ("mailboxSettings", "GET") => new GraphResponse(200, new JsonObject
            {
                ["timeZone"] = user!.MailboxTimeZone,
                ["workingHours"] = new JsonObject { ["startTime"] = "09:00:00.0000000", ["endTime"] = "17:00:00.0000000" },
            }),
            ("calendarView", "GET") => CalendarView(request, user!),
            ("delta", "GET") => Delta(request, user!),
            ("event", "GET") => Event(request, user!, Uri.UnescapeDataString(segments[3])),
            ("subscriptions", _) => await tenant.Subscriptions.HandleAsync(request, segments, cancellationToken),
            ("shares", "GET") => tenant.Drives.DriveItem(Uri.UnescapeDataString(segments[1])),
            ("analytics", "GET") => tenant.Drives.AllTime(Uri.UnescapeDataString(segments[3])),
            _ => GraphResponse.Error(400, "BadRequest", $"Resource not found for the segment '{segments.LastOrDefault()}'."),
        };
    }

    private static string Kind(string[] segments) => segments switch
    {
        ["$batch"] => "batch",
        ["users"] => "users",
        ["users", _] => "user",
        ["users", _, var relation] when relation.Equals("manager", StringComparison.OrdinalIgnoreCase) => "manager",
        ["users", _, var relation] when relation.Equals("directReports", StringComparison.OrdinalIgnoreCase) => "directReports",
        ["users", _, var relation] when relation.Equals("mailboxSettings", StringComparison.OrdinalIgnoreCase) => "mailboxSettings",
        ["users", _, var relation] when relation.Equals("calendarView", StringComparison.OrdinalIgnoreCase) => "calendarView",
        ["users", _, var relation, var delta] when relation.Equals("calendarView", StringComparison.OrdinalIgnoreCase)
            && delta is "delta" or "delta()" => "delta",
        ["users", _, var relation, _] when relation.Equals("events", StringComparison.OrdinalIgnoreCase) => "event",
        ["subscriptions", ..] => "subscriptions",
        ["shares", _, var item] when item.Equals("driveItem", StringComparison.OrdinalIgnoreCase) => "shares",
        ["drives", _, "items", _, "analytics", var range] when range.Equals("allTime", StringComparison.OrdinalIgnoreCase) => "analytics",
        _ => "other",
    };

    private Dictionary<string, string> RetryAfter() =>
        new() { ["Retry-After"] = tenant.Faults.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture) };

    /// <summary>A user, with <c>$expand=manager</c> (or <c>manager($select=…)</c>) honoured as Graph does: the manager inline, or absent.</summary>
    private JsonObject UserWithExpand(GraphRequest request, SimulatedUser user)
    {
        var json = GraphJson.User(user);
        if (request.QueryValue("$expand") is { } expand && expand.Split(',').Any(e => e.Trim().StartsWith("manager", StringComparison.OrdinalIgnoreCase))
            && user.ManagerId is { } managerId)
        {
            json["manager"] = GraphJson.User(tenant.Org.Get(managerId));
        }
        return json;
    }

    private GraphResponse Users(GraphRequest request)
    {
        var skip = int.TryParse(request.QueryValue("$skiptoken"), CultureInfo.InvariantCulture, out var s) ? s : 0;
        var top = Math.Clamp(int.TryParse(request.QueryValue("$top"), CultureInfo.InvariantCulture, out var t) ? t : 100, 1, 999);
        var users = tenant.Org.Users;
        var json = new JsonObject
        {
            ["@odata.context"] = request.BaseUrl + "/$metadata#users",
            ["value"] = new JsonArray([.. users.Skip(skip).Take(top).Select(u => (JsonNode)GraphJson.User(u))]),
        };
        if (skip + top < users.Count)
        {
            json["@odata.nextLink"] = Link(request, "$skiptoken", (skip + top).ToString(CultureInfo.InvariantCulture));
        }
        return new GraphResponse(200, json);
    }

    private GraphResponse CalendarView(GraphRequest request, SimulatedUser user)
    {
        if (!TryWindow(request, out var start, out var end))
        {
            return GraphResponse.Error(400, "ErrorInvalidParameter", "This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.");
        }
        var (zone, zoneName) = OutputZone(request);
        var select = Select(request);
        var events = tenant.Calendars.EventsBetween(user.Id, start, end);
        var skip = int.TryParse(request.QueryValue("$skip"), CultureInfo.InvariantCulture, out var s) ? s : 0;
        var pageSize = PageSize(request);
        var page = events.Skip(skip).Take(pageSize).Select(e => CountBody(GraphJson.Event(e, select, zone, zoneName))).ToList();
        var json = new JsonObject
        {
            ["@odata.context"] = $"{request.BaseUrl}/$metadata#users('{user.Id}')/calendarView",
            ["value"] = new JsonArray([.. page]),
        };
        if (skip + pageSize < events.Count)
        {
            json["@odata.nextLink"] = Link(request, "$skip", (skip + pageSize).ToString(CultureInfo.InvariantCulture));
        }
        return new GraphResponse(200, json, new Dictionary<string, string> { ["Preference-Applied"] = $"outlook.timezone=\"{zoneName}\"" });
    }

    /// <summary>GET /users/{id}/events/{id}: one event of that mailbox (another mailbox's id is not found, as in Graph).</summary>
    private GraphResponse Event(GraphRequest request, SimulatedUser user, string eventId)
    {
        if (tenant.Calendars.Find(user.Id, eventId) is not { } found)
        {
            return GraphResponse.Error(404, "ErrorItemNotFound", "The specified object was not found in the store.");
        }
        var (zone, zoneName) = OutputZone(request);
        var json = CountBody(GraphJson.Event(found, Select(request), zone, zoneName));
        json["@odata.context"] = $"{request.BaseUrl}/$metadata#users('{user.Id}')/events/$entity";
        return new GraphResponse(200, json, new Dictionary<string, string> { ["Preference-Applied"] = $"outlook.timezone=\"{zoneName}\"" });
    }

    private static HashSet<string>? Select(GraphRequest request) =>
        request.QueryValue("$select")?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Counts an event returned with its body: the tests assert that never happens.</summary>
    private JsonObject CountBody(JsonObject json)
    {
        if (json.ContainsKey("body"))
        {
            tenant.Counters.BodyReturned();
        }
        return json;
    }

    /// <summary>calendarView/delta: a first round returns every event of the window, later rounds only what changed.</summary>
    private GraphResponse Delta(GraphRequest request, SimulatedUser user)
    {
        DeltaCursor cursor;
        var generation = tenant.Faults.DeltaGeneration;
        if ((request.QueryValue("$deltatoken") ?? request.QueryValue("$skiptoken")) is { } token)
        {
            if (DeltaCursor.Decode(token) is not { } decoded)
            {
                return GraphResponse.Error(400, "ErrorInvalidUrlQuery", "The delta token is malformed.");
            }
            if (decoded.Generation != generation)
            {
                return GraphResponse.Error(410, "SyncStateNotFound", "The sync state generation is not found; a full synchronization is required.");
            }
            cursor = request.QueryValue("$deltatoken") is null ? decoded : decoded with { Since = decoded.Until, Until = tenant.Calendars.Version, Offset = 0 };
        }
        else if (TryWindow(request, out var start, out var end))
        {
            cursor = new DeltaCursor(start, end, -1, tenant.Calendars.Version, 0, generation);
        }
        else
        {
            return GraphResponse.Error(400, "ErrorInvalidParameter", "This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.");
        }
        var (zone, zoneName) = OutputZone(request);
        var items = cursor.Since < 0
            ? tenant.Calendars.EventsBetween(user.Id, cursor.Start, cursor.End).Select(e => GraphJson.Event(e, null, zone, zoneName, withBody: false)).ToList()
            : tenant.Calendars.ChangesBetween(user.Id, cursor.Since, cursor.Until)
                .Select(c => c.Now is { } e && e.Start < cursor.End && e.End > cursor.Start
                    ? GraphJson.Event(e, null, zone, zoneName, withBody: false)
                    : GraphJson.Removed(c.EventId))
                .ToList();
        var pageSize = PageSize(request);
        var link = $"{request.BaseUrl}/users/{Uri.EscapeDataString(user.Id)}/calendarView/delta";
        var json = new JsonObject
        {
            ["@odata.context"] = $"{request.BaseUrl}/$metadata#Collection(event)",
            ["value"] = new JsonArray([.. items.Skip(cursor.Offset).Take(pageSize)]),
        };
        if (cursor.Offset + pageSize < items.Count)
        {
            json["@odata.nextLink"] = $"{link}?$skiptoken={(cursor with { Offset = cursor.Offset + pageSize }).Encode()}";
        }
        else
        {
            json["@odata.deltaLink"] = $"{link}?$deltatoken={(cursor with { Offset = 0 }).Encode()}";
        }
        return new GraphResponse(200, json);
    }

    /// <summary>$batch: at most 20 steps, run concurrently, each answered (and throttled) on its own.</summary>
    private async Task<GraphResponse> BatchAsync(GraphRequest request, CancellationToken cancellationToken)
    {
        if (request.Body?["requests"] is not JsonArray steps)
        {
            return GraphResponse.Error(400, "BadRequest", "Write request id requests must be an array.");
        }
        if (steps.Count > MaxBatchSize)
        {
            return GraphResponse.Error(400, "BadRequest", $"Number of batch request steps exceeds the maximum of {MaxBatchSize}.");
        }
        var responses = await Task.WhenAll(steps.Select(step => StepAsync(request, step!.AsObject(), cancellationToken)));
        return new GraphResponse(200, new JsonObject { ["responses"] = new JsonArray([.. responses]) });
    }

    private async Task<JsonNode> StepAsync(GraphRequest batch, JsonObject step, CancellationToken cancellationToken)
    {
        var id = step["id"]?.GetValue<string>() ?? "";
        var url = step["url"]?.GetValue<string>() ?? "";
        if (Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme.StartsWith("http", StringComparison.Ordinal))
        {
            url = absolute.PathAndQuery;
        }
        url = url.StartsWith("/v1.0/", StringComparison.OrdinalIgnoreCase) ? url[5..] : url;
        var (path, query) = url.IndexOf('?', StringComparison.Ordinal) is var q and >= 0 ? (url[..q], url[(q + 1)..]) : (url, "");
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in step["headers"]?.AsObject() ?? [])
        {
            headers[name] = value?.ToString() ?? "";
        }
        if (batch.Header("Authorization") is { } authorization)
        {
            headers["Authorization"] = authorization;
        }
        var stepRequest = new GraphRequest(step["method"]?.GetValue<string>() ?? "GET", path, ParseStepQuery(query), headers, step["body"]?.DeepClone(), batch.BaseUrl);
        var response = await HandleAsync(stepRequest, cancellationToken);
        var responseHeaders = new JsonObject { ["Content-Type"] = "application/json" };
        foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>())
        {
            responseHeaders[name] = value;
        }
        var result = new JsonObject { ["id"] = id, ["status"] = response.Status, ["headers"] = responseHeaders };
        if (response.Json is not null)
        {
            result["body"] = response.Json;
        }
        return result;
    }

    public static Dictionary<string, string> ParseQuery(string query) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query)
            .ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Step URLs arrive unencoded (the SDK unescapes them: "graph batch encodes for us"), so a '+' in an offset is a
    /// plus, not a space.
    /// </summary>
    private static Dictionary<string, string> ParseStepQuery(string query) => query
        .Split('&', StringSplitOptions.RemoveEmptyEntries)
        .Select(pair => pair.Split('=', 2))
        .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => p.Length > 1 ? Uri.UnescapeDataString(p[1]) : "", StringComparer.OrdinalIgnoreCase);

    private static bool TryWindow(GraphRequest request, out DateTimeOffset start, out DateTimeOffset end)
    {
        const DateTimeStyles styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        end = default;
        return DateTimeOffset.TryParse(request.QueryValue("startDateTime"), CultureInfo.InvariantCulture, styles, out start)
            & DateTimeOffset.TryParse(request.QueryValue("endDateTime"), CultureInfo.InvariantCulture, styles, out end)
            && start < end && end - start <= TimeSpan.FromDays(400);
    }

    private static (TimeZoneInfo Zone, string Name) OutputZone(GraphRequest request) =>
        request.Header("Prefer") is { } prefer && TimeZonePreference().Match(prefer) is { Success: true } match && Zones.Find(match.Groups[1].Value) is { } zone
            ? (zone, match.Groups[1].Value)
            : (TimeZoneInfo.Utc, "UTC");

    private int PageSize(GraphRequest request)
    {
        if (request.Header("Prefer") is { } prefer && MaxPageSizePreference().Match(prefer) is { Success: true } match)
        {
            return Math.Clamp(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), 1, MaxPageSize);
        }
        return int.TryParse(request.QueryValue("$top"), CultureInfo.InvariantCulture, out var top) ? Math.Clamp(top, 1, MaxPageSize) : tenant.Options.PageSize;
    }

    /// <summary>The same request with one query parameter replaced, on the request's own host.</summary>
    private static string Link(GraphRequest request, string name, string value)
    {
        var query = request.Query.Where(p => !p.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Append(new(name, value))
            .Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}");
        return $"{request.BaseUrl}{request.Path}?{string.Join('&', query)}";
    }

    [GeneratedRegex("outlook\\.timezone\\s*=\\s*\"([^\"]+)\"", RegexOptions.IgnoreCase)]
    private static partial Regex TimeZonePreference();

    [GeneratedRegex("odata\\.maxpagesize\\s*=\\s*(\\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex MaxPageSizePreference();
}
