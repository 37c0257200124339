using GlueTeams.Core.Categories;
using GlueTeams.Core.Records;
using GlueTeams.Core.Summaries;

namespace GlueTeams.Core.Evidence;

/// <summary>One glue category over a period: how many sessions, in how many weeks, with how many distinct people and teams.</summary>
public sealed record CategoryReach(string CategoryId, int Sessions, int Weeks, int People, int Teams);

/// <summary>
/// "People reached": the distinct colleagues in the engineer's confirmed glue meetings that are not private, and the
/// distinct teams they belong to (a team is what <c>teamOf</c> says: their manager, else their department). Sessions
/// count every confirmed glue record, private ones too (a private interview is still an interview); people come only
/// from the addresses kept on records that are not private (<see cref="ActivityRecord.People"/>). Pure.
/// </summary>
public sealed record PeopleReach(int People, int Teams, IReadOnlyList<CategoryReach> ByCategory)
{
    public static PeopleReach Empty { get; } = new(0, 0, []);

    /// <summary>The addresses <see cref="Of"/> would count: for looking up their teams first.</summary>
    public static IReadOnlySet<string> Addresses(IEnumerable<ActivityRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        return records.Where(Counts).SelectMany(r => r.People).ToHashSet(StringComparer.Ordinal);
    }

    public static PeopleReach Of(IEnumerable<ActivityRecord> records, IReadOnlyDictionary<string, string> teamOf)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(teamOf);
        var glue = records.Where(TimeInMeetings.IsGlue).ToList();
        var byCategory = glue
            .GroupBy(r => r.Confirmation!.CategoryId, StringComparer.Ordinal)
            .Select(g =>
            {
                var people = g.Where(Counts).SelectMany(r => r.People).ToHashSet(StringComparer.Ordinal);
                return new CategoryReach(g.Key, g.Count(), g.Select(r => r.Week).Distinct().Count(), people.Count, TeamsOf(people, teamOf));
            })
            .OrderBy(c => Order(c.CategoryId))
            .ToList();
        var everyone = Addresses(glue);
        return new PeopleReach(everyone.Count, TeamsOf(everyone, teamOf), byCategory);
    }

    public CategoryReach? For(string categoryId) => ByCategory.FirstOrDefault(c => c.CategoryId == categoryId);

    /// <summary>A confirmed glue record that is not private: the only kind whose people count.</summary>
    private static bool Counts(ActivityRecord record) => TimeInMeetings.IsGlue(record) && !record.IsRedacted;

    private static int TeamsOf(IEnumerable<string> people, IReadOnlyDictionary<string, string> teamOf) =>
        people.Select(p => teamOf.GetValueOrDefault(p)).OfType<string>().Distinct(StringComparer.Ordinal).Count();

    private static int Order(string categoryId)
    {
        var index = GlueCategories.All.ToList().FindIndex(c => c.Id == categoryId);
        return index < 0 ? int.MaxValue : index;
    }
}
