using System.Security.Claims;

namespace GlueTeams.Teams.Auth;

public enum BotAuthFailure
{
    MissingToken,
    /// <summary>Not a JWT at all.</summary>
    Malformed,
    /// <summary>Unsigned (alg none), a disallowed algorithm, or signed by a key the metadata does not publish.</summary>
    BadSignature,
    Expired,
    NotYetValid,
    WrongAudience,
    WrongIssuer,
    /// <summary>The signing key is not endorsed for the activity's channel.</summary>
    ChannelNotEndorsed,
    /// <summary>The token's serviceurl claim is missing or differs from the activity's serviceUrl.</summary>
    ServiceUrlMismatch,
    /// <summary>A single-tenant bot received an activity from another tenant.</summary>
    WrongTenant,
    Invalid,
}

/// <summary>The outcome of checking an inbound request: accepted (with the token's claims) or refused with a reason.</summary>
public abstract record BotAuthResult
{
    private BotAuthResult() { }

    /// <param name="Identity">The validated token's claims; null for anonymous Development traffic.</param>
    public sealed record Accepted(ClaimsIdentity? Identity) : BotAuthResult
    {
        public bool IsAnonymous => Identity is null;
    }

    public sealed record Refused(BotAuthFailure Failure, string Reason) : BotAuthResult;
}
