using GlueTeams.App.Auth;
using GlueTeams.App.Bot.Cards;
using GlueTeams.Teams.Cards;
using Microsoft.Kiota.Abstractions;

namespace GlueTeams.App.Store;

/// <summary>
/// Missing admin consent said, not hidden: Graph answers 403 (Authorization_RequestDenied for the directory,
/// ErrorAccessDenied for mailboxes) when the organisation has not granted Glueprint's application permissions. The
/// card, the tabs and the Outlook pane then say so with the admin consent link, never "No meetings".
/// </summary>
internal static partial class AdminConsent
{
    public const string Message = "Your admin hasn't granted Glueprint access to calendars yet.";

    /// <summary>The problem details type the tab and the pane recognise (src/web/src/api.ts).</summary>
    public const string ProblemType = "urn:glueprint:problem:admin-consent-required";

    /// <summary>Graph refused the app's own permission: 403 on a request or on a $batch step.</summary>
    public static bool IsDenied(Exception exception) => exception is ApiException { ResponseStatusCode: 403 };

    /// <summary>A week that could not be read because the calendar permission is not granted.</summary>
    public static bool IsDenied(int? graphStatus) => graphStatus == 403;

    /// <summary>The line for the weekly card and "this week": the message, and the consent link for the admin.</summary>
    public static Notice Notice(StoreLinks links, string tenantId)
    {
        ArgumentNullException.ThrowIfNull(links);
        return Bot.Cards.Notice.Error(links.AdminConsent(tenantId) is { } url
            ? $"{Message} Send your admin this link to grant it: [grant Glueprint access]({url})"
            : $"{Message} Ask your Microsoft 365 admin to grant it.");
    }

    /// <summary>
    /// What the bot answers a user whose organisation has not consented (multi-tenant): the same message and link as
    /// the notice, on a card of its own, and nothing is stored.
    /// </summary>
    public static AdaptiveCard Card(StoreLinks links, string tenantId)
    {
        ArgumentNullException.ThrowIfNull(links);
        var url = links.AdminConsent(tenantId);
        return new AdaptiveCard
        {
            Body = [CardParts.Title("Glueprint isn't set up for your organisation yet"), .. CardParts.NoticeBlock(Notice(links, tenantId))],
            Actions = url is null ? null : [new OpenUrlAction("Grant access (admins)", url)],
        };
    }

    /// <summary>403 problem details of <see cref="ProblemType"/>, with the consent link as <c>adminConsentUrl</c>.</summary>
    public static IResult Problem(StoreLinks links, string tenantId)
    {
        ArgumentNullException.ThrowIfNull(links);
        var url = links.AdminConsent(tenantId);
        return TypedResults.Problem(
            url is null ? $"{Message} Ask your Microsoft 365 admin to grant it." : $"{Message} Ask your Microsoft 365 admin to grant it with the admin consent link.",
            statusCode: StatusCodes.Status403Forbidden, title: "Admin consent required", type: ProblemType,
            extensions: url is null ? null : new Dictionary<string, object?> { ["adminConsentUrl"] = url.AbsoluteUri });
    }

    /// <summary>Middleware for the API routes: Graph's 403 becomes <see cref="Problem"/> for the caller's tenant.</summary>
    public static async Task MapDeniedAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            await next(context);
        }
        catch (Exception e) when (!context.Response.HasStarted && IsDenied(e) && Caller.TryFrom(context.User) is { } caller)
        {
            LogDenied(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AdminConsent)),
                (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "an API route");
            context.Response.Clear();
            await Problem(context.RequestServices.GetRequiredService<StoreLinks>(), caller.TenantId).ExecuteAsync(context);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Route} answered 403: Microsoft Graph refused the app's permission (admin consent missing).")]
    private static partial void LogDenied(ILogger logger, string route);
}
