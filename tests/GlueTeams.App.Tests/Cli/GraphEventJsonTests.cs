using GlueTeams.Graph.Calendars;
using System.Text.Json;
using GlueTeams.App.Cli;
using GlueTeams.Core.Suggestions;

namespace GlueTeams.App.Tests.Cli;

[TestClass]
public sealed class GraphEventJsonTests
{
    private static CalendarEvent Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return GraphEventJson.Parse(document.RootElement);
    }

    [TestMethod]
    public void Parse_GraphEvent_ReadsEveryFieldTheEngineUses()
    {
        var parsed = Parse("""
            {"id":"AAMk1","iCalUId":"0400","subject":"Design review","isOrganizer":false,
             "start":{"dateTime":"2026-11-02T09:00:00.0000000","timeZone":"Pacific Standard Time"},
             "end":{"dateTime":"2026-11-02T10:00:00.0000000","timeZone":"Pacific Standard Time"},
             "organizer":{"emailAddress":{"name":"Org","address":"org@contoso.com"}},
             "attendees":[{"type":"optional","status":{"response":"accepted"},"emailAddress":{"address":"me@contoso.com"}},
                          {"type":"resource","emailAddress":{"address":"room@contoso.com"}}],
             "type":"occurrence","seriesMasterId":"SM1","sensitivity":"private","categories":["Glue: Mentoring"],
             "isAllDay":false,"isCancelled":true,"showAs":"tentative","responseStatus":{"response":"accepted"}}
            """);

        Assert.AreEqual("AAMk1", parsed.Id);
        Assert.AreEqual(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.FromHours(-8)), parsed.Start);
        Assert.AreEqual(TimeSpan.FromHours(1), parsed.End - parsed.Start);
        Assert.AreEqual("org@contoso.com", parsed.OrganizerEmail);
        Assert.AreEqual(new Attendee("room@contoso.com", AttendeeType.Resource), parsed.Attendees[1]);
        Assert.AreEqual(EventType.Occurrence, parsed.Type);
        Assert.AreEqual(Sensitivity.Private, parsed.Sensitivity);
        Assert.AreEqual("SM1", parsed.SeriesMasterId);
        Assert.AreEqual("Glue: Mentoring", parsed.Categories.Single());
        Assert.IsTrue(parsed.IsCancelled);
        Assert.AreEqual("accepted", parsed.ResponseStatus);
    }

    [TestMethod]
    public void Parse_MissingOptionalFields_UsesDefaults()
    {
        var parsed = Parse("""{"id":"x","start":{"dateTime":"2026-11-02T09:00:00"},"end":{"dateTime":"2026-11-02T09:30:00"}}""");

        Assert.AreEqual("", parsed.Subject);
        Assert.IsEmpty(parsed.Attendees);
        Assert.AreEqual(TimeSpan.Zero, parsed.Start.Offset);
    }

    [TestMethod]
    [DataRow("""{"start":{"dateTime":"2026-11-02T09:00:00"},"end":{"dateTime":"2026-11-02T09:30:00"}}""", "missing id")]
    [DataRow("""{"id":"x","end":{"dateTime":"2026-11-02T09:30:00"}}""", "missing start.dateTime")]
    [DataRow("""{"id":"x","start":{"dateTime":"2026-11-02T09:00:00"},"end":{"dateTime":"soon"}}""", "bad end.dateTime 'soon'")]
    [DataRow("""[1,2]""", "expected a JSON object")]
    public void Parse_UnusableEvent_Throws(string json, string message)
    {
        var error = Assert.ThrowsExactly<FormatException>(() => Parse(json));

        Assert.AreEqual(message, error.Message);
    }
}
