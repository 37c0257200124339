using System.Globalization;
using GlueTeams.Core.Summaries;
using GlueTeams.Storage;
using GlueTeams.Storage.Users;
using GlueTeams.Teams.Cards;
using static GlueTeams.App.Bot.Cards.CardParts;

namespace GlueTeams.App.Bot.Cards;

/// <summary>The cards that show text and a few buttons: welcome, help, summary, delete confirmation, deleted.</summary>
internal static class InfoCards
{
    public static AdaptiveCard Welcome(UserProfile profile, Notice? notice = null)
    {
        var body = new List<CardElement>
        {
            Title("Welcome to GlueTeams"),
            new TextBlock("GlueTeams makes your glue work visible: mentoring, onboarding, design reviews, postmortems, interviewing and the rest. Once a week it lists your meetings with a suggested category; you confirm in one click, or change what is wrong."),
            Heading("What it reads"),
            new TextBlock("Your calendar's metadata: titles, times, attendee counts. Never event bodies, and never the subject or attendees of private or confidential items."),
            Heading("Who sees what"),
            new TextBlock("Only you see suggestions. Your manager sees only records you confirmed, and only if you choose to share them; every view by a manager is logged and visible to you. You can delete all your data at any time with \"delete my data\"."),
        };
        body.AddRange(NoticeBlock(notice));
        var actions = new List<CardAction>();
        if (profile.SharingDefault is null)
        {
            body.Add(Heading("Share your confirmed records with your manager?"));
            body.Add(Subtle("Nothing is shared until you answer. You can change this in settings at any time."));
            actions.Add(Execute("Share with my manager", Verbs.Share, (Verbs.Choice, SettingsCard.Share)));
            actions.Add(Execute("Keep private", Verbs.Share, (Verbs.Choice, SettingsCard.Private)));
        }
        else
        {
            body.Add(Subtle(profile.SharingDefault.Value
                ? "Your confirmed records are shared with your manager."
                : "Your confirmed records are private."));
        }
        actions.Add(Execute("Settings", Verbs.Settings));
        actions.Add(Execute("Show this week", Verbs.Page));
        return new AdaptiveCard { Body = body, Actions = actions };
    }

    /// <summary>
    /// A change of the sharing default applies to every confirmed record: asked once, with the count, before anything
    /// changes.
    /// </summary>
    public static AdaptiveCard ConfirmSharing(int confirmed, bool share, string? managerName)
    {
        var manager = managerName is { Length: > 0 } ? managerName : "your manager";
        var records = string.Create(CultureInfo.InvariantCulture, $"{confirmed} confirmed record{(confirmed == 1 ? "" : "s")}");
        var all = confirmed == 1 ? "it" : string.Create(CultureInfo.InvariantCulture, $"all {confirmed}");
        return new AdaptiveCard
        {
            Body =
            [
                Title(share ? $"Share your {records} with {manager}?" : $"Make {all} private?"),
                new TextBlock(share
                    ? $"{manager} will see the category, time, artifacts and outcomes of each confirmed record. You can still hide any single record afterwards."
                    : $"{manager} will see your name and \"not sharing\", and nothing else. You can still share any single record afterwards."),
            ],
            Actions =
            [
                Execute(share ? $"Share {all}" : $"Make {all} private", Verbs.ApplySharing, (Verbs.Choice, share ? SettingsCard.Share : SettingsCard.Private)) with { Style = ActionStyle.Positive },
                Execute("Cancel", Verbs.Settings),
            ],
        };
    }

    public static AdaptiveCard Help(Notice? notice = null)
    {
        var body = new List<CardElement> { Title("GlueTeams commands") };
        body.AddRange(NoticeBlock(notice));
        body.Add(new FactSet(
        [
            new Fact("this week", "This week's meetings, to confirm"),
            new Fact("summary", "This week and the four before"),
            new Fact("settings", "Card day and time, time zone, sharing, pause"),
            new Fact("delete my data", "Delete everything GlueTeams stored about you"),
            new Fact("help", "This list"),
        ]));
        return new AdaptiveCard
        {
            Body = body,
            Actions = [Execute("This week", Verbs.Page), Execute("Summary", Verbs.Summary), Execute("Settings", Verbs.Settings)],
        };
    }

    public static AdaptiveCard Summary(PeriodSummary period)
    {
        var facts = period.Weeks.Reverse().Select(w => new Fact(w.Week.ToString(), Line(w.Summary))).ToList();
        facts.Add(new Fact("Total", Line(period.Total)));
        return new AdaptiveCard
        {
            Body =
            [
                Title($"Your glue work, {period.From} to {period.To}"),
                new FactSet(facts),
                Subtle("Only confirmed records count as glue work; meeting time counts every meeting."),
            ],
            Actions = [Execute("This week", Verbs.Page), Execute("Settings", Verbs.Settings)],
        };

        static string Line(GlueSummary s) => string.Create(CultureInfo.InvariantCulture,
            $"{Hours(s.GlueMinutes)} glue · {Percent(s.ShareOfMeetingTime)} of meetings · {Percent(s.MultiplierShare)} multiplier · {s.UnconfirmedCount} to confirm");
    }

    public static AdaptiveCard ConfirmDelete() => new()
    {
        Body =
        [
            Title("Delete all your GlueTeams data?"),
            new TextBlock("This deletes your records, confirmations, artifacts and notes, your settings and your history. It cannot be undone. Your calendar is not touched."),
        ],
        Actions = [Execute("Delete everything", Verbs.ConfirmDelete) with { Style = ActionStyle.Destructive }, Execute("Cancel", Verbs.Help)],
    };

    public static AdaptiveCard Deleted(ErasureCounts counts) => new()
    {
        Body =
        [
            Title("Your data is deleted"),
            new FactSet(
            [
                new Fact("Records", Count(counts.Records)),
                new Fact("Sync states", Count(counts.SyncStates)),
                new Fact("Audit entries", Count(counts.AuditEntries)),
                new Fact("Delivery claims", Count(counts.Claims)),
                new Fact("Scheduled cards", Count(counts.Schedule)),
                new Fact("Calendar subscriptions", Count(counts.Subscriptions)),
                new Fact("Queued syncs", Count(counts.QueueItems)),
                new Fact("Profile", counts.Profile ? "deleted" : "none"),
            ]),
            Subtle("GlueTeams will send nothing more and keeps nothing about you. Say \"start\" to start again."),
        ],
    };

    /// <summary>What any card or command shows after "delete my data", until the user starts again. It writes nothing.</summary>
    public static AdaptiveCard Erased() => new()
    {
        Body =
        [
            Title("You deleted your GlueTeams data"),
            new TextBlock("GlueTeams keeps nothing about you and will send nothing. Say \"start\" to start again."),
        ],
    };

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);
}
