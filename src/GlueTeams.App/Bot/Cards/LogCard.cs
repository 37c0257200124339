using GlueTeams.Core.Categories;
using GlueTeams.Core.Records;
using GlueTeams.Core.Validation;
using GlueTeams.Teams.Cards;
using static GlueTeams.App.Bot.Cards.CardParts;

namespace GlueTeams.App.Bot.Cards;

/// <summary>The reply to "log 2h onboarding guide https://…": what was read and suggested, saved with one tap.</summary>
internal static class LogCard
{
    /// <param name="command">The message as typed; Save sends it back and it is read again (card data is untrusted).</param>
    /// <param name="logId">The message's activity id: the same entry saves once, however often Save is tapped.</param>
    public static AdaptiveCard Preview(WorkLog log, Suggestion? suggestion, string command, string logId, Notice? notice = null)
    {
        var body = new List<CardElement> { Title("Log this glue work?") };
        body.AddRange(NoticeBlock(notice));
        body.Add(new FactSet(Facts(log)));
        body.Add(new ChoiceSetInput("category", CategoryChoices)
        {
            Value = suggestion?.CategoryId,
            Label = "Category",
            Placeholder = "Choose a category",
            IsRequired = true,
            ErrorMessage = "Choose a category.",
        });
        body.Add(Subtle(suggestion is null ? "Nothing in the text points to a category: choose one." : $"Suggested: {suggestion.Reason}."));
        body.Add(new ToggleInput("impact", "Multiplier (builds something reusable)")
        {
            ValueOn = "multiplier",
            ValueOff = "one-off",
            Value = suggestion?.Impact == Impact.Multiplier ? "multiplier" : "one-off",
        });
        if (suggestion is { Impact: Impact.Multiplier, ImpactReason: { } why })
        {
            body.Add(Subtle("Multiplier: " + why + "."));
        }
        return new AdaptiveCard
        {
            Body = body,
            Actions =
            [
                Execute("Save", Verbs.SaveLog, (Verbs.Log, command), (Verbs.LogId, logId)) with { Style = ActionStyle.Positive },
                Execute("Don't log it", Verbs.CancelLog),
            ],
        };
    }

    /// <summary>Why nothing was logged, and how to write it.</summary>
    public static AdaptiveCard Problem(string message) => new()
    {
        Body = [Title("Nothing was logged"), .. NoticeBlock(Notice.Error(message)), Subtle(WorkLogParser.Usage)],
        Actions = [Execute("Help", Verbs.Help)],
    };

    /// <summary>The entry as stored, with the way back (Remove) and to the week.</summary>
    public static AdaptiveCard Saved(ActivityRecord record, string recordId, string etag, bool before)
    {
        var confirmation = record.Confirmation!;
        var facts = new List<Fact>
        {
            new("What", record.Title),
            new("Time", Duration(record.Minutes)),
            new("Category", GlueCategories.Get(confirmation.CategoryId).Name),
            new("Impact", confirmation.Impact == Impact.Multiplier ? "multiplier" : "one-off"),
        };
        if (confirmation.ArtifactLink is { } link)
        {
            facts.Add(new("Link", link.AbsoluteUri));
        }
        var week = record.Week.ToString();
        return new AdaptiveCard
        {
            Body =
            [
                Title(before ? "Logged already" : "Logged as glue work"),
                new FactSet(facts),
                Subtle($"It counts in week {week}, in your totals, tabs and promotion packet."),
            ],
            Actions =
            [
                Execute("This week", Verbs.Page, (Verbs.Week, week)),
                Execute("Remove it", Verbs.Undo, (Verbs.RecordId, recordId), (Verbs.ETag, etag), (Verbs.Week, week)),
            ],
        };
    }

    public static AdaptiveCard Cancelled() => new()
    {
        Body = [Title("Nothing was logged"), Subtle("Log glue work any time: " + WorkLogParser.Usage)],
    };

    private static List<Fact> Facts(WorkLog log)
    {
        var facts = new List<Fact> { new("What", log.Text), new("Time", Duration(log.Minutes)) };
        if (log.Link is { } link)
        {
            facts.Add(new("Link", link.AbsoluteUri));
        }
        return facts;
    }

    /// <summary>"2 h", "1 h 30 min", "45 min".</summary>
    public static string Duration(int minutes) => (minutes / 60, minutes % 60) switch
    {
        (0, var m) => $"{m} min",
        (var h, 0) => $"{h} h",
        var (h, m) => $"{h} h {m} min",
    };
}
