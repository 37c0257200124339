using GlueTeams.Core.Categories;
using GlueTeams.Core.Records;

namespace GlueTeams.Core.Suggestions;

/// <summary>
/// Suggests a glue-work category for one calendar event. Evidence, strongest first: a "Glue: …" Outlook category,
/// the user's own earlier confirmations, who the meeting is with, the words of the title, and — where those leave
/// the engine unsure — what the tenant's confirmed titles say.
/// </summary>
public static class SuggestionEngine
{
    /// <summary>Below this confidence the rules defer to the tenant model when it is surer.</summary>
    public const double UnsureBelow = 0.65;

    /// <summary>Meetings at least this large that the user did not organise are broadcasts (all-hands, webinars).</summary>
    public const int BroadcastSize = 50;

    private static readonly HashSet<string> s_redactedSubjects = new(StringComparer.OrdinalIgnoreCase)
    {
        "", "private", "private appointment", ActivityRecord.RedactedTitle, "private event", "private meeting", "busy",
    };

    /// <summary>The category, and the impact: multiplier only with a reason (<see cref="ImpactSignals"/>), or as the user confirmed this meeting before.</summary>
    public static Suggestion Suggest(CalendarEvent calendarEvent, SuggestionContext context)
    {
        ArgumentNullException.ThrowIfNull(calendarEvent);
        ArgumentNullException.ThrowIfNull(context);
        var category = SuggestCategory(calendarEvent, context);
        if (category.CategoryId == GlueCategories.NotGlueId)
        {
            return category;
        }
        var title = calendarEvent.IsPrivate ? TitleText.Parse("") : TitleText.Parse(calendarEvent.Subject);
        if (context.History.Find(calendarEvent.SeriesMasterId, title) is { Impact: { } remembered } match && match.CategoryId == category.CategoryId)
        {
            return category with { Impact = remembered, ImpactReason = remembered == Impact.Multiplier ? "you marked it multiplier before" : null };
        }
        var variety = calendarEvent.SeriesMasterId is { } series && context.SeriesVariety?.TryGetValue(series, out var groups) == true ? groups : 0;
        var (impact, reason) = ImpactSignals.Suggest(category.CategoryId, title, seriesVariety: variety);
        return category with { Impact = impact, ImpactReason = reason };
    }

    /// <summary>
    /// Work the user logged (a "log" command, the tab's Add work, a message action): categorised by the same title
    /// words and tenant model as a meeting, among the glue categories only (the user says it was glue work); null when
    /// nothing in the text points to a category. A link makes it multiplier work: it produced an artifact.
    /// </summary>
    public static Suggestion? SuggestLogged(string text, Uri? link, SuggestionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var title = TitleText.Parse(text + " " + LinkWords(link));
        var scores = TitleSignals.Score(TitleSignals.Find(title)).Where(s => s.CategoryId != GlueCategories.NotGlueId).ToList();
        Suggestion? category = null;
        if (scores.Count > 0)
        {
            var (top, second) = (scores[0], scores.Count > 1 ? scores[1].Score : 0);
            category = new Suggestion(top.CategoryId, TitleConfidence(top.Score, second), $"“{top.Strongest.Phrase}” suggests {Describe(top.CategoryId)}");
        }
        else if (context.Model.Predict(title) is var (modelCategory, probability) && modelCategory != GlueCategories.NotGlueId)
        {
            category = new Suggestion(modelCategory, ModelConfidence(probability), $"work like this was confirmed as {Describe(modelCategory)} in your organisation");
        }
        if (category is null)
        {
            return null;
        }
        var (impact, reason) = ImpactSignals.Suggest(category.CategoryId, title, hasLink: link is not null);
        return category with { Impact = impact, ImpactReason = reason };
    }

    // "https://wiki.contoso.com/eng/onboarding-guide" says "onboarding guide"; the host and query say nothing.
    private static string LinkWords(Uri? link) =>
        link is null ? "" : string.Join(' ', link.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString));

    private static Suggestion SuggestCategory(CalendarEvent calendarEvent, SuggestionContext context)
    {
        foreach (var outlookCategory in calendarEvent.Categories)
        {
            if (GlueCategories.FromOutlookCategory(outlookCategory) is { } tagged)
            {
                return new Suggestion(tagged.Id, 1.0, $"Tagged “{tagged.OutlookCategoryName}” in Outlook");
            }
        }
        var shape = MeetingShape.Of(calendarEvent, context);
        if (calendarEvent.IsPrivate && s_redactedSubjects.Contains(calendarEvent.Subject.Trim()))
        {
            return context.History.FindSeries(calendarEvent.SeriesMasterId) is { } series
                ? FromHistory(series, shape)
                : new Suggestion(GlueCategories.NotGlueId, 0.3, "Private item: its title is hidden, so it counts as not glue work unless you tag it");
        }
        var title = TitleText.Parse(calendarEvent.Subject);
        if (context.History.Find(calendarEvent.SeriesMasterId, title) is { } match)
        {
            return FromHistory(match, shape);
        }
        var rule = FromRules(shape, title);
        if (rule.Confidence < UnsureBelow && context.Model.Predict(title) is var (categoryId, probability)
            && ModelConfidence(probability) > rule.Confidence)
        {
            return new Suggestion(categoryId, ModelConfidence(probability),
                $"{shape}; titles like this were confirmed as {Describe(categoryId)} in your organisation");
        }
        return rule;
    }

    // Naive Bayes posteriors are overconfident; the model never claims more than a clear title signal would.
    private static double ModelConfidence(double probability) => Math.Round(0.85 * probability, 2);

    private static Suggestion FromHistory(HistoryMatch match, MeetingShape shape)
    {
        var share = (double)match.Times / match.Total;
        var (confidence, what) = match.Kind switch
        {
            HistoryMatchKind.SameSeries => (Math.Min(0.99, 0.9 + (0.03 * match.Times)), "you confirmed it"),
            HistoryMatchKind.SameTitle => (0.85, "you confirmed a meeting with this title"),
            _ => (0.75, "you confirmed a meeting with a very similar title"),
        };
        var times = match.Times == match.Total ? Times(match.Times) : $"{Times(match.Times)} out of {match.Total}";
        return new Suggestion(match.CategoryId, Math.Round(confidence * share, 2), $"{shape}; {what} as {Describe(match.CategoryId)} {times}");
    }

    private static Suggestion FromRules(MeetingShape shape, TitleText title)
    {
        var signals = TitleSignals.Find(title).ToList();
        if (title.HasPairSeparator && shape.Others >= 2)
        {
            signals.Add(new TitleSignal(GlueCategories.Coordination.Id, "team <> team", 1));
        }
        var scores = TitleSignals.Score(signals);
        var top = scores.Count > 0 ? scores[0] : default;
        var second = scores.Count > 1 ? scores[1].Score : 0;
        var fromTitle = top.CategoryId is null ? null : new Suggestion(top.CategoryId, TitleConfidence(top.Score, second),
            $"{shape}; “{top.Strongest.Phrase}” in the title suggests {Describe(top.CategoryId)}");
        var glue = scores.FirstOrDefault(s => s.CategoryId != GlueCategories.NotGlueId);

        if (shape.WithManager)
        {
            // Only an unmistakable title (an interview, a postmortem) turns a 1:1 with one's manager into glue work;
            // being coached by one's own manager is not mentoring someone else.
            return glue.Score >= 3 && top.CategoryId == glue.CategoryId && glue.CategoryId != GlueCategories.Mentoring.Id
                ? fromTitle!
                : new Suggestion(GlueCategories.NotGlueId, 0.9, $"{shape}, which is not glue work");
        }
        if (shape.Others == 1)
        {
            // A title that calls itself a 1:1 needs a strong word ("interview", "pairing session") to be anything else.
            var needed = title.Tokens.Contains(TitleText.OneOnOne) ? 3 : 2;
            return fromTitle is not null && top.Score >= needed && top.CategoryId != GlueCategories.Mentoring.Id
                ? fromTitle
                : new Suggestion(GlueCategories.Mentoring.Id, shape.ManagerKnown ? 0.75 : 0.6,
                    shape.ManagerKnown
                        ? $"{shape}; a 1:1 with someone other than your manager is usually mentoring"
                        : $"{shape}; a 1:1 is usually mentoring (your manager is not known, so this may be your own 1:1)");
        }
        if (shape.Others == 0)
        {
            // A block with just you is focus time or personal unless the title clearly says otherwise.
            var notGlue = scores.FirstOrDefault(s => s.CategoryId == GlueCategories.NotGlueId).Score;
            return glue.CategoryId is not null && glue.Score >= 3 && glue.Score > notGlue
                ? fromTitle! with { Confidence = Math.Min(fromTitle.Confidence, 0.7) }
                : new Suggestion(GlueCategories.NotGlueId, 0.85, $"{shape}: a focus or personal block");
        }
        if (glue.CategoryId is null && (shape.IsBroadcast || shape.IsAway))
        {
            return new Suggestion(GlueCategories.NotGlueId, 0.8, $"{shape}; no glue-work signal in the title");
        }
        return fromTitle ?? new Suggestion(GlueCategories.NotGlueId, 0.45, $"{shape}; no glue-work signal in the title");
    }

    private static double TitleConfidence(int score, int second) =>
        Math.Round(Math.Clamp(0.4 + (0.1 * Math.Min(score, 4)) + (0.05 * Math.Min(score - second, 3)), 0, 0.9), 2);

    private static string Describe(string categoryId) =>
        categoryId == GlueCategories.NotGlueId ? "not glue work" : GlueCategories.Get(categoryId).ShortName;

    private static string Times(int n) => n switch
    {
        1 => "once",
        2 => "twice",
        _ => $"{n} times",
    };
}
