using System.Globalization;
using System.Text.Json;
using GlueTeams.Core.Suggestions;
using GlueTeams.Core.Weeks;

namespace GlueTeams.Graph.Calendars;

/// <summary>
/// Reads one Microsoft Graph <c>event</c> object into a <see cref="CalendarEvent"/>: the one mapper for every path
/// (calendarView pages, $batch step bodies, delta pages, a single event, JSON lines on the command line), far cheaper
/// than the SDK's own model deserialisation. Unknown fields are ignored; a missing id or an unreadable start or end is
/// an error. A start or end whose zone is missing or unknown here is read in the zone that was asked for (Graph was
/// sent <c>Prefer: outlook.timezone</c> with it), so the same JSON lands in the same week on every path.
/// </summary>
public static class GraphEventJson
{
    /// <summary>The fields GlueTeams asks Graph for: what the engine and the records use, never the body.</summary>
    public static readonly string[] SelectedFields =
    [
        "id", "iCalUId", "subject", "start", "end", "isAllDay", "isCancelled", "isOrganizer", "organizer", "attendees",
        "type", "seriesMasterId", "sensitivity", "categories", "showAs", "responseStatus",
    ];

    /// <summary>The event, with times in a missing or unknown zone read as UTC (for JSON given without a requested zone).</summary>
    public static CalendarEvent Parse(JsonElement json) => Parse(json, TimeZoneInfo.Utc);

    /// <summary>The event, or null and why not (for paths that skip an unusable event rather than fail).</summary>
    public static bool TryParse(JsonElement json, TimeZoneInfo requestedZone, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CalendarEvent? calendarEvent, out string? error)
    {
        try
        {
            (calendarEvent, error) = (Parse(json, requestedZone), null);
            return true;
        }
        catch (FormatException e)
        {
            (calendarEvent, error) = (null, e.Message);
            return false;
        }
    }

    public static CalendarEvent Parse(JsonElement json, TimeZoneInfo requestedZone)
    {
        ArgumentNullException.ThrowIfNull(requestedZone);
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("expected a JSON object");
        }
        var id = String(json, "id");
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new FormatException("missing id");
        }
        var organizer = json.TryGetProperty("organizer", out var o) && o.ValueKind == JsonValueKind.Object ? Address(o) : null;
        return new CalendarEvent
        {
            Id = id,
            ICalUId = String(json, "iCalUId"),
            Subject = String(json, "subject") ?? "",
            Start = DateTime(json, "start", requestedZone),
            End = DateTime(json, "end", requestedZone),
            IsOrganizer = Bool(json, "isOrganizer"),
            OrganizerEmail = organizer,
            Attendees = Array(json, "attendees").Select(Attendee).Where(a => a is not null).Select(a => a!).ToList(),
            SeriesMasterId = String(json, "seriesMasterId"),
            Type = Enum(json, "type", EventType.SingleInstance),
            Sensitivity = Enum(json, "sensitivity", Sensitivity.Normal),
            Categories = Array(json, "categories").Where(c => c.ValueKind == JsonValueKind.String).Select(c => c.GetString()!).ToList(),
            IsAllDay = Bool(json, "isAllDay"),
            IsCancelled = Bool(json, "isCancelled"),
            ShowAs = String(json, "showAs"),
            ResponseStatus = json.TryGetProperty("responseStatus", out var r) && r.ValueKind == JsonValueKind.Object ? String(r, "response") : null,
        };
    }

    private static Attendee? Attendee(JsonElement json)
    {
        var address = json.ValueKind == JsonValueKind.Object ? Address(json) : null;
        return address is null ? null : new Attendee(address, Enum(json, "type", AttendeeType.Required));
    }

    private static string? Address(JsonElement json) =>
        json.TryGetProperty("emailAddress", out var e) && e.ValueKind == JsonValueKind.Object ? String(e, "address") : null;

    /// <summary>Graph's dateTimeTimeZone: a local date and time and a Windows or IANA zone name (the requested zone when absent or unknown).</summary>
    private static DateTimeOffset DateTime(JsonElement json, string name, TimeZoneInfo requestedZone)
    {
        if (!json.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Object || String(value, "dateTime") is not { } text)
        {
            throw new FormatException($"missing {name}.dateTime");
        }
        if (!System.DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var local))
        {
            throw new FormatException($"bad {name}.dateTime '{Truncate(text)}'");
        }
        local = System.DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        var zone = String(value, "timeZone") is { Length: > 0 } zoneId ? TimeZones.Find(zoneId) ?? requestedZone : requestedZone;
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static string? String(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool Bool(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    private static JsonElement[] Array(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array ? [.. value.EnumerateArray()] : [];

    private static T Enum<T>(JsonElement json, string name, T fallback) where T : struct, Enum =>
        System.Enum.TryParse<T>(String(json, name), ignoreCase: true, out var parsed) ? parsed : fallback;
}
