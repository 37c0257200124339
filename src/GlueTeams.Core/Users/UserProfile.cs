using GlueTeams.Core.Weeks;

namespace GlueTeams.Core.Users;

/// <summary>Where to reach a user proactively in Teams: the personal chat the bot was installed in.</summary>
public sealed record ConversationReference(Uri ServiceUrl, string ConversationId, string BotId);

/// <summary>One engineer who installed GlueTeams, and their choices.</summary>
public sealed record UserProfile
{
    public required string TenantId { get; init; }
    public required string UserId { get; init; }
    public string DisplayName { get; init; } = "";
    /// <summary>The user's Teams id (from.id, "29:…"): the MRI that a card's refresh.userIds lists.</summary>
    public string? TeamsUserId { get; init; }
    public string? UserPrincipalName { get; init; }
    /// <summary>The manager's UPN from Graph's org data: a 1:1 with them is not glue work.</summary>
    public string? ManagerUserPrincipalName { get; init; }
    /// <summary>IANA or Windows time zone id; the user's weeks and card time are in this zone.</summary>
    public string TimeZoneId { get; init; } = "UTC";
    /// <summary>Whether GlueTeams may read the calendar and send the weekly card.</summary>
    public bool OptedIn { get; init; } = true;
    public bool Paused { get; init; }
    /// <summary>False after uninstall: nothing is sent any more.</summary>
    public bool Installed { get; init; } = true;
    public DayOfWeek CardDay { get; init; } = DayOfWeek.Friday;
    public TimeOnly CardTime { get; init; } = new(15, 0);
    /// <summary>Whether confirmed records are shared with the manager. Null until the user answers: nothing is shared.</summary>
    public bool? SharingDefault { get; init; }
    public ConversationReference? Conversation { get; init; }
    /// <summary>
    /// Whether the user has ever confirmed a record (set wherever a record is confirmed):
    /// only then is a sync's read of earlier weeks worth its cost.
    /// </summary>
    public bool HasConfirmations { get; init; }
    /// <summary>The connector answered 403 or 404 for the personal chat (the bot was blocked, the chat is gone): nothing is sent until a reinstall.</summary>
    public bool Unreachable { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    public bool ShouldReceiveCards => OptedIn && Installed && !Paused && !Unreachable && Conversation is not null;

    /// <summary>The zone of <see cref="TimeZoneId"/>, UTC when this machine does not know it.</summary>
    public TimeZoneInfo TimeZone => TimeZones.FindOrUtc(TimeZoneId);
}
