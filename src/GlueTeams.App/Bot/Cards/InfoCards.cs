using System.Globalization;
using GlueTeams.Core.Summaries;
using GlueTeams.App.Store;
using GlueTeams.Storage;
using GlueTeams.Storage.Users;
using GlueTeams.Teams.Cards;
using static GlueTeams.App.Bot.Cards.CardParts;

namespace GlueTeams.App.Bot.Cards;

/// <summary>The cards that show text and a few buttons: welcome, help, summary, delete confirmation, deleted.</summary>
internal static class InfoCards
{
    /// <summary>The commands the bot understands, as the welcome and help cards list them (the manifest lists the same).</summary>
    public static IReadOnlyList<(string Command, string Description)> Commands { get; } =
    [
        ("this week", "This week's meetings, to confirm"),
        ("last week", "Last week's meetings, to confirm"),
        ("week of 16 Nov", "The meetings of the week of a date"),
        ("log 2h onboarding guide https://…", "Log glue work that was not a meeting"),
        ("summary", "This week and the four before"),
        ("settings", "Card day and time, time zone, sharing, pause"),
        ("delete my data", "Delete everything Glueprint stored about you"),
        ("help", "This list"),
    ];

    public static AdaptiveCard Welcome(UserProfile profile, StoreLinks links, Notice? notice = null)
    {
        var body = new List<CardElement>
        {
            Title("Welcome to Glueprint"),
            new TextBlock("Glueprint makes your glue work visible: mentoring, onboarding, design reviews, postmortems, interviewing and the rest. Once a week it lists your meetings with a suggested category; you confirm in one click, or change what is wrong."),
        };
        body.AddRange(About(profile, links));
        body.AddRange(
        [
            Heading("What it reads"),
            new TextBlock("Your calendar's metadata: titles, times, attendee counts. Never event bodies, and never the subject or attendees of private or confidential items."),
            Heading("Who sees what"),
            new TextBlock("Only you see suggestions. Your manager sees only records you confirmed, and only if you choose to share them; every view by a manager is logged and visible to you. You can delete all your data at any time with \"delete my data\"."),
        ]);
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

    public static AdaptiveCard Help(UserProfile profile, StoreLinks links, Notice? notice = null)
    {
        var body = new List<CardElement> { Title("Glueprint commands") };
        body.AddRange(NoticeBlock(notice));
        body.AddRange(About(profile, links));
        return new AdaptiveCard
        {
            Body = body,
            Actions = [Execute("This week", Verbs.Page), Execute("Summary", Verbs.Summary), Execute("Settings", Verbs.Settings)],
        };
    }

    /// <summary>
    /// What the welcome and help cards both say, as the store asks of a bot's first message and help: the commands, the
    /// weekly cadence, the tabs, the admin consent Glueprint depends on, and where to get support.
    /// </summary>
    private static IEnumerable<CardElement> About(UserProfile profile, StoreLinks links)
    {
        yield return new FactSet([.. Commands.Select(c => new Fact(c.Command, c.Description))]);
        yield return Heading("Every week");
        yield return new TextBlock(string.Create(CultureInfo.InvariantCulture,
            $"Your card comes on {profile.CardDay} at {profile.CardTime:HH:mm}, your time ({profile.TimeZoneId}). Change the day, time or time zone in settings."));
        yield return Heading("Tabs");
        yield return new TextBlock("My glue work: your hours per category, trends and a promotion-packet export. Team review: for managers, what their direct reports chose to share.");
        yield return Heading("Admin consent");
        yield return new TextBlock("Glueprint reads calendars through Microsoft Graph with permissions a Microsoft 365 admin grants once for your organisation. Until then, your card says so and gives the link to send your admin.");
        yield return Heading("Support");
        yield return new TextBlock(links.Support is { } support && links.Privacy is { } privacy
            ? $"Questions or problems: [Glueprint support]({support}) and the [privacy statement]({privacy}) open in your browser."
            : "Questions or problems: ask your IT help desk, who run Glueprint for your organisation.");
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
            Title("Delete all your Glueprint data?"),
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
            Subtle("Glueprint will send nothing more and keeps nothing about you. Say \"start\" to start again."),
        ],
    };

    /// <summary>What any card or command shows after "delete my data", until the user starts again. It writes nothing.</summary>
    public static AdaptiveCard Erased() => new()
    {
        Body =
        [
            Title("You deleted your Glueprint data"),
            new TextBlock("Glueprint keeps nothing about you and will send nothing. Say \"start\" to start again."),
        ],
    };

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);
}
