using System.Globalization;
using System.Text.Json.Nodes;
using GlueTeams.Simulator.Calendars;
using GlueTeams.Simulator.Org;

namespace GlueTeams.Simulator.Api;

/// <summary>Graph v1.0's JSON shapes for the simulated users and events. An event's label is never written.</summary>
public static class GraphJson
{
    public static JsonObject User(SimulatedUser user) => new()
    {
        ["@odata.type"] = "#microsoft.graph.user",
        ["id"] = user.Id,
        ["displayName"] = user.DisplayName,
        ["givenName"] = user.GivenName,
        ["mail"] = user.Mail,
        ["userPrincipalName"] = user.Mail,
        ["jobTitle"] = user.JobTitle,
        ["department"] = user.Department,
    };

    /// <summary>An event with its times in <paramref name="zone"/> (named <paramref name="zoneName"/>), only the <paramref name="select"/>ed fields if given.</summary>
    public static JsonObject Event(SimulatedEvent e, IReadOnlySet<string>? select, TimeZoneInfo zone, string zoneName, bool withBody = true)
    {
        var json = new JsonObject
        {
            ["@odata.etag"] = $"W/\"{StableRandom.Of($"{e.Id}|{e.Start:o}|{e.End:o}|{e.Subject}|{e.IsCancelled}"):x16}\"",
            ["id"] = e.Id,
            ["iCalUId"] = e.ICalUId,
            ["subject"] = e.Subject,
            ["start"] = DateTimeTimeZone(e.Start, zone, zoneName),
            ["end"] = DateTimeTimeZone(e.End, zone, zoneName),
            ["originalStartTimeZone"] = e.TimeZone,
            ["isAllDay"] = e.IsAllDay,
            ["isCancelled"] = e.IsCancelled,
            ["isOrganizer"] = e.IsOrganizer,
            ["organizer"] = new JsonObject { ["emailAddress"] = EmailAddress(e.Organizer) },
            ["attendees"] = new JsonArray([.. e.Attendees.Select(a => (JsonNode)new JsonObject
            {
                ["type"] = a.Type,
                ["status"] = new JsonObject { ["response"] = a.Response, ["time"] = "0001-01-01T00:00:00Z" },
                ["emailAddress"] = EmailAddress(a),
            })]),
            ["type"] = e.Type,
            ["seriesMasterId"] = e.SeriesMasterId,
            ["sensitivity"] = e.Sensitivity,
            ["categories"] = new JsonArray([.. e.Categories.Select(c => (JsonNode)JsonValue.Create(c))]),
            ["showAs"] = e.ShowAs,
            ["responseStatus"] = new JsonObject { ["response"] = e.Response, ["time"] = "0001-01-01T00:00:00Z" },
        };
        if (withBody)
        {
            json["bodyPreview"] = e.Body.Length > 40 ? e.Body[..40] : e.Body;
            json["body"] = new JsonObject { ["contentType"] = "html", ["content"] = e.Body };
        }
        if (select is not null)
        {
            foreach (var name in json.Select(p => p.Key).Where(k => k is not ("id" or "@odata.etag") && !select.Contains(k)).ToList())
            {
                json.Remove(name);
            }
        }
        return json;
    }

    public static JsonObject Removed(string eventId) => new()
    {
        ["@odata.type"] = "#microsoft.graph.event",
        ["id"] = eventId,
        ["@removed"] = new JsonObject { ["reason"] = "deleted" },
    };

    private static JsonObject DateTimeTimeZone(DateTimeOffset instant, TimeZoneInfo zone, string zoneName) => new()
    {
        ["dateTime"] = TimeZoneInfo.ConvertTime(instant, zone).DateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffff", CultureInfo.InvariantCulture),
        ["timeZone"] = zoneName,
    };

    private static JsonObject EmailAddress(SimulatedPerson person) => new() { ["name"] = person.Name, ["address"] = person.Email };
}
