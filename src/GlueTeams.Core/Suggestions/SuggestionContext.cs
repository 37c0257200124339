namespace GlueTeams.Core.Suggestions;

/// <summary>What the engine knows about the user beyond the event itself.</summary>
/// <param name="SeriesVariety">Per series id, how many different groups of people its occurrences in view had.</param>
public sealed record SuggestionContext(string UserEmail, string? ManagerEmail, ConfirmationHistory History, TenantModel Model,
    IReadOnlyDictionary<string, int>? SeriesVariety = null)
{
    /// <summary>Counts, per series, the different sets of people (attendees and organizer) among <paramref name="events"/>.</summary>
    public static IReadOnlyDictionary<string, int> VarietyOf(IEnumerable<CalendarEvent> events, string userEmail)
    {
        ArgumentNullException.ThrowIfNull(events);
        return events.Where(e => e.SeriesMasterId is { Length: > 0 })
            .GroupBy(e => e.SeriesMasterId!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g
                .Select(e => string.Join('|', e.OtherPeople(userEmail).Select(p => p.ToLowerInvariant()).Order(StringComparer.Ordinal)))
                .Distinct(StringComparer.Ordinal).Count(), StringComparer.Ordinal);
    }

    public static SuggestionContext Cold(string userEmail, string? managerEmail = null) =>
        new(userEmail, managerEmail, ConfirmationHistory.Empty, TenantModel.Empty);
}
