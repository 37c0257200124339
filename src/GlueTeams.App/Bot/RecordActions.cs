using GlueTeams.App.Records;
using GlueTeams.App.Bot.Cards;
using GlueTeams.Core.Categories;
using GlueTeams.Core.Records;
using GlueTeams.Core.Validation;
using GlueTeams.Core.Weeks;
using GlueTeams.Storage.Activities;
using GlueTeams.Storage.Users;
using GlueTeams.Teams.Activities;
using GlueTeams.Teams.Cards;
using GlueTeams.Core.Users;

namespace GlueTeams.App.Bot;

/// <summary>
/// The weekly card's actions on records. A record id from card data is only looked up among the invoking user's own
/// records (their partition); anything else is refused with nothing written. The ETag the card was built with guards
/// every write: a stale card gets the fresh one back with a note.
/// </summary>
internal sealed class RecordActions(ActivityStore activities, RecordDecisions decisions, WeekCards weeks, TimeProvider time, Suggestions.TenantModels models)
{
    private static readonly Notice NotYours = Notice.Error("That item is not in your GlueTeams data; nothing was changed.");
    private static readonly Notice Stale = Notice.Info("This week changed since the card was shown, so nothing was saved: here it is as stored now. Please check and try again.");

    /// <summary>
    /// "Confirm week": confirms every row the card carries (every row of the week, whatever page was shown) as
    /// suggested, or as chosen when the action carries a row's inputs (cards sent before the one-click week did). A row
    /// confirmed already is kept as it is; occurrences changed since the card was built are skipped and named, and so are
    /// rows that appeared since. A card without the typed ETags (sent before them) gets a fresh card instead; damaged
    /// ETags, or a row that is not the user's, change nothing.
    /// </summary>
    public async Task<AdaptiveCard> ConfirmAllAsync(BotTurn turn, UserProfile profile, AdaptiveCardInvoke action, CancellationToken cancellationToken)
    {
        var (shownETags, problem) = ConfirmWeekData.ReadETags(action.Data);
        if (shownETags is null)
        {
            return await WeekAsync(turn, profile, action, problem, cancellationToken);
        }
        var week = CardPosition.Week(action, weeks.CurrentWeek(profile));
        var rows = (await weeks.RowsAsync(profile, week, cancellationToken)).ToDictionary(r => r.Id, StringComparer.Ordinal);
        var changes = new List<(WeekRow Row, ValidTag Tag)>();
        var skipped = new List<StoredRecord>();
        var shownIds = new HashSet<string>(StringComparer.Ordinal);
        var kept = 0;
        // The rows the card showed are the ones it carries ETags for; of a series, only the occurrences unchanged since.
        foreach (var (key, etags) in shownETags)
        {
            if (!rows.TryGetValue(key, out var shown))
            {
                return await WeekAsync(turn, profile, action, NotYours, cancellationToken);
            }
            shownIds.Add(key);
            var (unchanged, changed) = shown.Split(etags);
            skipped.AddRange(changed);
            var row = HasInputs(action, shown) ? unchanged : unchanged?.Unconfirmed();
            if (row is null)
            {
                kept += unchanged is null ? 0 : 1;
                continue;
            }
            var tag = TagValidator.Validate(RowInput(action, row));
            if (!tag.IsValid)
            {
                return await WeekAsync(turn, profile, action, Notice.Error($"{row.Record.Title}: {tag.Message} Nothing was saved."), cancellationToken);
            }
            changes.Add((row, tag.Value));
        }
        var written = await WriteAsync(changes, profile, cancellationToken);
        var newRows = rows.Values.Where(r => !shownIds.Contains(r.Id) && r.HasOpen).ToList();
        var done = $"Confirmed {Items(changes.Count)} of week {week}." + (kept > 0 ? $" {Items(kept)} confirmed before {(kept == 1 ? "was" : "were")} kept." : "");
        var notShown = newRows.Count == 0 ? "" : " Not on this card, so not confirmed: " + string.Join(", ", newRows.Select(r => r.Record.Title)) + ".";
        return await WeekAsync(turn, profile, action, written ? Notice.Info(done + SkippedText(skipped, profile) + notShown) : Stale, cancellationToken);
    }

    private static string Items(int n) => n == 1 ? "1 item" : $"{n} items";

    /// <summary>The action carries the row's own inputs (a card from before the one-click week, or a client that sends them).</summary>
    private static bool HasInputs(AdaptiveCardInvoke action, WeekRow row) =>
        action.DataString(Verbs.CategoryInput(row.Id)) is not null || action.DataString(Verbs.ImpactInput(row.Id)) is not null;

    /// <summary>What the card says about occurrences it did not confirm because they changed after it was built.</summary>
    private static string SkippedText(IReadOnlyList<StoredRecord> skipped, UserProfile profile) => skipped.Count == 0
        ? ""
        : " Not confirmed, because they changed since this card was shown: " +
          string.Join(", ", skipped.OrderBy(o => o.Record.Start).Select(o =>
              $"{o.Record.Title} on {TimeZoneInfo.ConvertTime(o.Record.Start, profile.TimeZone).ToString("ddd d MMM", System.Globalization.CultureInfo.InvariantCulture)}")) +
          ". Check them below.";

    /// <summary>Confirm (or update) one row with the category and impact chosen on it.</summary>
    public Task<AdaptiveCard> ConfirmAsync(BotTurn turn, UserProfile profile, AdaptiveCardInvoke action, CancellationToken cancellationToken) =>
        OnRowAsync(turn, profile, action, row => TagValidator.Validate(RowInput(action, row)), "Saved", cancellationToken);

    public Task<AdaptiveCard> NotGlueAsync(BotTurn turn, UserProfile profile, AdaptiveCardInvoke action, CancellationToken cancellationToken) =>
        OnRowAsync(turn, profile, action, row => TagValidator.Validate(RowInput(action, row) with { CategoryId = GlueCategories.NotGlueId }), "Marked as not glue", cancellationToken);

    /// <summary>Back to the suggestion: the confirmation is removed.</summary>
    public async Task<AdaptiveCard> UndoAsync(BotTurn turn, UserProfile profile, AdaptiveCardInvoke action, CancellationToken cancellationToken)
    {
        var found = await FindRowAsync(profile, action, cancellationToken);
        if (found.Row is not { } row)
        {
            return await WeekAsync(turn, profile, action, found.Problem, cancellationToken);
        }
        if (row.Record.IsLogged)
        {
            // Logged work has no suggestion to go back to and no calendar item to bring it back: undoing it removes it.
            var removed = (await Task.WhenAll(row.Occurrences.Select(o => activities.DeleteAsync(o, cancellationToken)))).All(ok => ok);
            return await WeekAsync(turn, profile, action, removed ? Notice.Info($"Removed: {row.Record.Title}.") : Stale, cancellationToken);
        }
        var written = await WriteRowsAsync([(row, r => r with { Status = ActivityStatus.Suggested, Confirmation = null })], cancellationToken);
        return await WeekAsync(turn, profile, action, written ? Notice.Info($"Undone: {row.Record.Title}." + SkippedText(found.Skipped, profile)) : Stale, cancellationToken);
    }

    public async Task<AdaptiveCard> DetailsAsync(BotTurn turn, UserProfile profile, AdaptiveCardInvoke action, CancellationToken cancellationToken)
    {
        var found = await FindRowAsync(profile, action, cancellationToken);
        return found.Row is { } row
            ? DetailsCard.Build(row, found.Week.ToString(), CardPosition.Page(action).ToString(System.Globalization.CultureInfo.InvariantCulture))
            : await WeekAsync(turn, profile, action, found.Problem, cancellationToken);
    }

    /// <summary>The details step's Save: invalid input returns the details card with inline errors and writes nothing.</summary>
    public async Task<AdaptiveCard> SaveDetailsAsync(BotTurn turn, UserProfile profile, AdaptiveCardInvoke action, CancellationToken cancellationToken)
    {
        var found = await FindRowAsync(profile, action, cancellationToken);
        if (found.Row is not { } row)
        {
            return await WeekAsync(turn, profile, action, found.Problem, cancellationToken);
        }
        var input = new TagInput(action.DataString("category"), action.DataString("impact"), action.DataString("artifactLink"),
            action.DataString("artifactTitle"), action.DataString("note"), action.DataString("delegated") == "true");
        var tag = TagValidator.Validate(input);
        if (!tag.IsValid)
        {
            return DetailsCard.Build(row, found.Week.ToString(), CardPosition.Page(action).ToString(System.Globalization.CultureInfo.InvariantCulture), Bounded(input), tag.Errors);
        }
        var written = await WriteAsync([(row, tag.Value)], profile, cancellationToken);
        return await WeekAsync(turn, profile, action, written ? Notice.Info($"Saved the details of {row.Record.Title}." + SkippedText(found.Skipped, profile)) : Stale, cancellationToken);
    }

    public Task<AdaptiveCard> WeekAsync(BotTurn turn, UserProfile profile, AdaptiveCardInvoke action, Notice? notice, CancellationToken cancellationToken) =>
        weeks.BuildAsync(profile, turn.TeamsUserId, CardPosition.Week(action, weeks.CurrentWeek(profile)), CardPosition.Page(action), notice, cancellationToken);

    private async Task<AdaptiveCard> OnRowAsync(BotTurn turn, UserProfile profile, AdaptiveCardInvoke action, Func<WeekRow, Validated<ValidTag>> validate, string done, CancellationToken cancellationToken)
    {
        var found = await FindRowAsync(profile, action, cancellationToken);
        if (found.Row is not { } row)
        {
            return await WeekAsync(turn, profile, action, found.Problem, cancellationToken);
        }
        var tag = validate(row);
        if (!tag.IsValid)
        {
            return await WeekAsync(turn, profile, action, Notice.Error($"{row.Record.Title}: {tag.Message} Nothing was saved."), cancellationToken);
        }
        var written = await WriteAsync([(row, tag.Value)], profile, cancellationToken);
        return await WeekAsync(turn, profile, action, written ? Notice.Info($"{done}: {row.Record.Title}." + SkippedText(found.Skipped, profile)) : Stale, cancellationToken);
    }

    /// <summary>The row to act on (its unchanged occurrences), or the problem; and the occurrences skipped as changed.</summary>
    private sealed record FoundRow(WeekRow? Row, IsoWeek Week, Notice? Problem, IReadOnlyList<StoredRecord> Skipped)
    {
        public FoundRow(WeekRow? row, IsoWeek week, Notice? problem) : this(row, week, problem, []) { }
    }

    /// <summary>The row named by the card's record id, among the user's own records of the week the id names.</summary>
    private async Task<FoundRow> FindRowAsync(UserProfile profile, AdaptiveCardInvoke action, CancellationToken cancellationToken)
    {
        var id = action.DataString(Verbs.RecordId);
        if (!RecordIds.TryParse(id, out var week))
        {
            return new(null, weeks.CurrentWeek(profile), NotYours);
        }
        var row = (await weeks.RowsAsync(profile, week, cancellationToken)).FirstOrDefault(r => r.Id == id);
        if (row is null)
        {
            return new(null, week, NotYours);
        }
        var (unchanged, skipped) = row.Split(action.DataString(Verbs.ETag));
        return unchanged is null ? new(null, week, Stale) : new(unchanged, week, null, skipped);
    }

    /// <summary>What a row's inputs say; the artifact, note and delegated flag of an earlier confirmation are kept.</summary>
    private static TagInput RowInput(AdaptiveCardInvoke action, WeekRow row)
    {
        var confirmation = row.Record.Confirmation;
        return new TagInput(
            action.DataString(Verbs.CategoryInput(row.Id)) ?? row.CategoryId,
            action.DataString(Verbs.ImpactInput(row.Id)) ?? ImpactNames.Of(row.Impact),
            confirmation?.ArtifactLink?.AbsoluteUri, confirmation?.ArtifactTitle, confirmation?.OutcomeNote, confirmation?.Delegated ?? false);
    }

    /// <summary>Typed text shown again on the card: bounded, so that a 100 KB note is not echoed back.</summary>
    private static TagInput Bounded(TagInput input) => input with
    {
        ArtifactLink = Cut(input.ArtifactLink, TagValidator.MaxLinkLength),
        ArtifactTitle = Cut(input.ArtifactTitle, TagValidator.MaxTitleLength),
        OutcomeNote = Cut(input.OutcomeNote, TagValidator.MaxNoteLength),
        CategoryId = Cut(input.CategoryId, 40),
    };

    private static string? Cut(string? text, int max) => text is null || text.Length <= max ? text : text[..max];

    /// <summary>Writes every change (all occurrences of each row) concurrently; false when any write met a newer version.</summary>
    private async Task<bool> WriteAsync(IReadOnlyList<(WeekRow Row, ValidTag Tag)> changes, UserProfile profile, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return await WriteRowsAsync([.. changes.Select(c => (c.Row, (Func<ActivityRecord, ActivityRecord>)(r => r with
        {
            Status = ActivityStatus.Confirmed,
            Confirmation = c.Tag.ToConfirmation(r.Confirmation?.SharedWithManager ?? profile.SharingDefault ?? false, now),
        })))], cancellationToken);
    }

    /// <summary>
    /// Writes every occurrence of every row concurrently, each under the ETag it was read with; then teaches the tenant
    /// model what was written, in one update per category. False when any write met a newer version.
    /// </summary>
    private async Task<bool> WriteRowsAsync(IReadOnlyList<(WeekRow Row, Func<ActivityRecord, ActivityRecord> Change)> rows, CancellationToken cancellationToken)
    {
        var updates = rows.SelectMany(r => r.Row.Occurrences.Select(o => (Stored: o, After: r.Change(o.Record)))).ToList();
        var results = await Task.WhenAll(updates.Select(u => decisions.ReplaceAsync(u.Stored with { Record = u.After }, cancellationToken)));
        await models.LearnAsync(updates.Where((_, i) => results[i] is WriteResult.Written).Select(u => (u.Stored.Record, u.After)), cancellationToken);
        return results.All(r => r is WriteResult.Written);
    }
}
