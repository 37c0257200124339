using GlueTeams.Teams.Activities;

namespace GlueTeams.App.Outbox;

/// <summary>What an outbound message is: it decides which checks run before it is sent.</summary>
public enum OutboxKind
{
    /// <summary>The welcome card after an install.</summary>
    Welcome,
    /// <summary>The answer to a command.</summary>
    Reply,
    /// <summary>The weekly card: sent to the personal chat stored on the profile, and only while the user still wants cards.</summary>
    Weekly,
}

/// <summary>
/// One message to send to Teams, as a work item on the outbox queue.
/// </summary>
/// <param name="Key">The idempotency key: the inbound activity id for replies and welcomes, user + ISO week for the weekly card. One send per key.</param>
/// <param name="ReplyToId">The inbound activity this answers, if any (sent as a reply to it).</param>
public sealed record OutboxMessage(
    OutboxKind Kind, string Key, string TenantId, string UserId, Uri ServiceUrl, string ConversationId, string? ReplyToId, Activity Activity);
