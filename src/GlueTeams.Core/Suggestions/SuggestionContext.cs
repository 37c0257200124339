using GlueTeams.Core.Records;
using GlueTeams.Core.Users;
using GlueTeams.Core.Weeks;

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

    /// <summary>How many weeks before the one suggested for the engine learns from.</summary>
    public const int HistoryWeeks = 8;

    /// <summary>
    /// What the engine knows when it suggests for <paramref name="week"/>, wherever it suggests (the weekly sync, the
    /// Outlook add-in): the user's and manager's addresses, earlier confirmations (category and impact) that are neither
    /// private nor logged work, and which series of <paramref name="events"/> met different people.
    /// </summary>
    public static SuggestionContext For(UserProfile user, IEnumerable<ActivityRecord> history, IsoWeek week, IEnumerable<CalendarEvent>? events = null,
        TenantModel? model = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(history);
        var email = user.UserPrincipalName ?? "";
        return new SuggestionContext(
            email,
            user.ManagerUserPrincipalName,
            new ConfirmationHistory(history
                .Where(r => r is { Status: ActivityStatus.Confirmed, IsRedacted: false, IsLogged: false, Confirmation: not null } && r.Week < week)
                .Select(r => new PastConfirmation(r.SeriesId, r.Title, r.Confirmation!.CategoryId, r.Confirmation.Impact))),
            model ?? TenantModel.Empty,
            events is null ? null : VarietyOf(events, email));
    }

    public static SuggestionContext Cold(string userEmail, string? managerEmail = null) =>
        new(userEmail, managerEmail, ConfirmationHistory.Empty, TenantModel.Empty);
}
