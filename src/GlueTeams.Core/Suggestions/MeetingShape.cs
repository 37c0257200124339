namespace GlueTeams.Core.Suggestions;

/// <summary>Who an event is with and how it recurs, and the words a reason uses to say so.</summary>
internal sealed record MeetingShape(int Others, bool WithManager, bool ManagerKnown, bool IsRecurring, bool IsOrganizer, bool IsBroadcast, bool IsAway)
{
    public static MeetingShape Of(CalendarEvent calendarEvent, SuggestionContext context)
    {
        var others = calendarEvent.OtherPeople(context.UserEmail);
        var managerKnown = !string.IsNullOrWhiteSpace(context.ManagerEmail);
        return new MeetingShape(
            others.Count,
            WithManager: managerKnown && others.Count == 1 && string.Equals(others[0], context.ManagerEmail, StringComparison.OrdinalIgnoreCase),
            managerKnown,
            calendarEvent.IsRecurring,
            calendarEvent.IsOrganizer,
            IsBroadcast: others.Count >= SuggestionEngine.BroadcastSize && !calendarEvent.IsOrganizer,
            IsAway: calendarEvent.IsAllDay || string.Equals(calendarEvent.ShowAs, "oof", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>"Recurring 1:1 you organise with your manager", "Meeting with 8 others", "Block with just you".</summary>
    public override string ToString()
    {
        var kind = Others switch
        {
            0 => "block with just you",
            1 => "1:1",
            _ => $"meeting with {Others} others",
        };
        var text = (IsRecurring ? "recurring " : "") + kind + (IsOrganizer && Others > 0 ? " you organise" : "")
            + (WithManager ? " with your manager" : "");
        return char.ToUpperInvariant(text[0]) + text[1..];
    }
}
