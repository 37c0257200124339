using System.Globalization;
using System.Text.Json;
using GlueTeams.Core.Suggestions;

namespace GlueTeams.Graph.Calendars;

/// <summary>
/// Reads one Microsoft Graph <c>event</c> object, as calendarView returns it, into a <see cref="CalendarEvent"/>.
/// Unknown fields are ignored; a missing id or an unreadable start or end is an error. Used for JSON lines on the
/// command line and for $batch step bodies, where it is far cheaper than the SDK's own model deserialisation.
/// </summary>
public static class GraphEventJson
{
    public static CalendarEvent Parse(JsonElement json)
    {
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
            Start = DateTime(json, "start"),
            End = DateTime(json, "end"),
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

    /// <summary>Graph's dateTimeTimeZone: a local date and time and a Windows or IANA zone name (UTC when absent or unknown).</summary>
    private static DateTimeOffset DateTime(JsonElement json, string name)
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
        var zone = TimeZoneInfo.Utc;
        if (String(value, "timeZone") is { Length: > 0 } zoneId && TimeZones.Find(zoneId) is { } found)
        {
            zone = found;
        }
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
