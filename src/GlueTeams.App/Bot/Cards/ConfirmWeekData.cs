using System.Text.Json;
using System.Text.Json.Serialization;
using GlueTeams.Teams.Cards;

namespace GlueTeams.App.Bot.Cards;

/// <summary>
/// The data of the week card's "Confirm week": the week and page shown, and under <c>etags</c> the ETags of every row
/// of the week (a row's occurrences' ETags, space-separated), keyed by record id. One typed field rather than a key per
/// row: the client writes each input's value into the data under the input's id, at the top level, and no input of ours
/// is called <c>etags</c> (CardCatalogTests), so inputs and row versions never mix.
/// </summary>
internal sealed record ConfirmWeekData(
    [property: JsonPropertyName(Verbs.Week)] string Week,
    [property: JsonPropertyName(Verbs.PageNumber)] string Page,
    [property: JsonPropertyName(Verbs.ETags)] IReadOnlyDictionary<string, string> ETags)
{
    /// <summary>
    /// The ETags of untrusted action data, or the notice that says why there are none to act on: a card from before this
    /// field (it carried one <c>etag:</c> key per row) is out of date; anything that is not a map of record ids to text
    /// that fits in a card is damaged.
    /// </summary>
    public static (IReadOnlyDictionary<string, string>? ETags, Notice? Problem) ReadETags(JsonElement data)
    {
        if (data.ValueKind != JsonValueKind.Object || !data.TryGetProperty(Verbs.ETags, out var etags))
        {
            return (null, OutOfDate);
        }
        if (etags.ValueKind != JsonValueKind.Object)
        {
            return (null, Damaged("its rows' versions are not a list of rows"));
        }
        var read = new Dictionary<string, string>(StringComparer.Ordinal);
        var size = 0;
        foreach (var row in etags.EnumerateObject())
        {
            if (row.Value.ValueKind != JsonValueKind.String)
            {
                return (null, Damaged("a row's version is not text"));
            }
            var value = row.Value.GetString()!;
            // The card carried the whole object, so it fits in a card: anything larger was not made by us.
            size += row.Name.Length + value.Length;
            if (size > CardJson.MaxCardBytes)
            {
                return (null, Damaged("it names more rows, or longer versions, than a card can carry"));
            }
            if (!read.TryAdd(row.Name, value))
            {
                return (null, Damaged("it names a row twice"));
            }
        }
        return (read, null);
    }

    private static readonly Notice OutOfDate = Notice.Info("This card is out of date, so nothing was saved: here is a fresh one. Please check it and confirm again.");

    private static Notice Damaged(string why) => Notice.Error($"This card's data is not valid ({why}), so nothing was saved: here is your week as stored now.");
}
