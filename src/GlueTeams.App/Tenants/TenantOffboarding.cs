using System.Security.Claims;
using GlueTeams.App.Auth;
using GlueTeams.Core.Validation;
using GlueTeams.Storage.Tenants;

namespace GlueTeams.App.Tenants;

/// <summary>
/// POST /admin/tenants/{tenantId}/offboard: an organisation leaves and its data goes. Authorised by an Entra ID access
/// token for our API (validated like the tabs' tokens) whose tid is that tenant and whose wids claim (tenant-wide
/// directory roles; the app registration emits it with groupMembershipClaims "DirectoryRole") holds Global
/// Administrator or Privileged Role Administrator: the roles that may grant the app's permissions, and so take them back.
/// </summary>
internal static partial class TenantOffboarding
{
    public const string GlobalAdministrator = "62e90394-69f5-4237-9190-012177145e10";
    public const string PrivilegedRoleAdministrator = "e8611ab8-c189-46e8-94e1-60213ab1f814";

    public sealed record Offboarded(string TenantId, TenantErasureCounts Removed);

    public static IEndpointRouteBuilder MapTenantOffboarding(this IEndpointRouteBuilder app)
    {
        app.MapPost("/admin/tenants/{tenantId}/offboard", OffboardAsync)
            .RequireAuthorization()
            .WithName("OffboardTenant")
            .WithSummary("Erases every piece of the organisation's data, ends its Graph subscriptions and removes it; its administrator only.");
        return app;
    }

    private static async Task<IResult> OffboardAsync(string tenantId, ClaimsPrincipal user, TenantErasure erasure, ILoggerFactory loggers)
    {
        if (!SafeIds.IsSafe(tenantId))
        {
            return TypedResults.Problem("The tenant must be a directory (tenant) id.", statusCode: StatusCodes.Status400BadRequest, title: "Bad request");
        }
        var caller = Caller.From(user);
        if (!string.Equals(caller.TenantId, tenantId, StringComparison.OrdinalIgnoreCase))
        {
            LogRefused(loggers.CreateLogger(typeof(TenantOffboarding)), "another tenant's token");
            return TypedResults.Problem("Only an administrator of that organisation, signed in to it, may offboard it.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
        }
        if (!user.FindAll("wids").Any(c => c.Value is GlobalAdministrator or PrivilegedRoleAdministrator))
        {
            LogRefused(loggers.CreateLogger(typeof(TenantOffboarding)), "no administrator role");
            return TypedResults.Problem("Offboarding needs the Global Administrator or Privileged Role Administrator role in the organisation.",
                statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
        }
        // Not the request's token: an offboarding that started finishes even if the caller goes away.
        var removed = await erasure.EraseAsync(tenantId, CancellationToken.None);
        return TypedResults.Ok(new Offboarded(tenantId, removed));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused an offboarding: {Reason}.")]
    private static partial void LogRefused(ILogger logger, string reason);
}
