using System.Security.Claims;
using GlueTeams.Core.Validation;

namespace GlueTeams.App.Auth;

/// <summary>Who calls the API: tenant and user taken only from the validated token's tid and oid claims.</summary>
public sealed record Caller(string TenantId, string UserId, string? Name)
{
    public static Caller From(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return TryFrom(principal) ?? throw new InvalidOperationException("The token was validated without tid and oid claims.");
    }

    public static Caller? TryFrom(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var tenant = principal.FindFirst("tid")?.Value;
        var user = principal.FindFirst("oid")?.Value;
        return IsSafeId(tenant) && IsSafeId(user) ? new Caller(tenant!, user!, principal.FindFirst("name")?.Value) : null;
    }

    /// <summary>The check every tenant and user id passes (<see cref="SafeIds"/>), shared with the bot.</summary>
    public static bool IsSafeId(string? id) => SafeIds.IsSafe(id);
}
