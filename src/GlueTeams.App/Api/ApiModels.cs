using System.Text.Json;
using System.Text.Json.Serialization;
using GlueTeams.Core.Records;
using GlueTeams.Core.Weeks;
using GlueTeams.Storage.Activities;

namespace GlueTeams.App.Api;

public sealed record SuggestionView(string CategoryId, string Reason);

public sealed record ConfirmationView(
    string CategoryId, ImpactChoice Impact, Uri? ArtifactLink, string? ArtifactTitle, string? Note, bool Delegated, bool SharedWithManager, DateTimeOffset ConfirmedAt);

/// <summary>One record as the tab shows it; <see cref="ETag"/> goes back in If-Match (or the body) with an edit.</summary>
public sealed record RecordView(
    string Id, string ETag, IsoWeek Week, DateTimeOffset Start, DateTimeOffset End, int Minutes, string Title, string Status,
    SuggestionView? Suggestion, ConfirmationView? Confirmation)
{
    public static RecordView Of(StoredRecord stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var r = stored.Record;
        var c = r.Confirmation;
        return new RecordView(stored.Id, stored.ETag.ToString(), r.Week, r.Start, r.End, r.Minutes, r.Title, r.Status.ToString().ToLowerInvariant(),
            r.Suggestion is { } s ? new SuggestionView(s.CategoryId, s.Reason) : null,
            c is null ? null : new ConfirmationView(c.CategoryId, ImpactText.ChoiceOf(c.Impact), c.ArtifactLink, c.ArtifactTitle, c.OutcomeNote, c.Delegated, c.SharedWithManager, c.ConfirmedAt));
    }
}

/// <summary>An edit from the tab. Absent fields keep their value; an empty string clears a text field.</summary>
public sealed record RecordPatch(
    string? Category, string? Impact, string? ArtifactLink, string? ArtifactTitle, string? Note, bool? Delegated, bool? SharedWithManager, string? ETag);

/// <param name="TeamsUnreachable">Teams refused the bot's messages (blocked, or the chat is gone): the tab tells the user to reinstall the app.</param>
/// <param name="CurrentWeek">"This week" for this user: the ISO week of now in their own time zone (<see cref="Users.LocalWeeks"/>).</param>
/// <param name="TimeZone">The zone that week is in (IANA or Windows id).</param>
public sealed record ProfileView(string UserId, string DisplayName, bool HasDirectReports, bool? SharingDefault, bool TeamsUnreachable,
    IsoWeek CurrentWeek, string TimeZone);

/// <summary>A record's impact on the wire, the one place the API names it (ImpactNames).</summary>
public enum ImpactChoice
{
    [JsonStringEnumMemberName(ImpactNames.Multiplier)] Multiplier,
    [JsonStringEnumMemberName(ImpactNames.OneOff)] OneOff,
}

public static class ImpactText
{
    public static ImpactChoice ChoiceOf(Impact impact) => impact == Impact.Multiplier ? ImpactChoice.Multiplier : ImpactChoice.OneOff;
}

/// <summary>An enum's word on the wire (its JsonStringEnumMemberName, else its name), for text outside JSON: CSV, validators.</summary>
public static class WireText
{
    private static readonly JsonSerializerOptions s_json = new() { Converters = { new JsonStringEnumConverter() } };

    public static string Of<T>(T value) where T : struct, Enum => JsonSerializer.Serialize(value, s_json).Trim('"');
}

/// <summary>ISO weeks travel as "2026-W47".</summary>
public sealed class IsoWeekJsonConverter : JsonConverter<IsoWeek>
{
    public override IsoWeek Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        IsoWeek.TryParse(reader.GetString(), out var week) ? week : throw new JsonException("Expected an ISO week such as 2026-W47.");

    public override void Write(Utf8JsonWriter writer, IsoWeek value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString());
    }
}
