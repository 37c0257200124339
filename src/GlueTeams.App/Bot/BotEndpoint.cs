using GlueTeams.Storage.Claims;
using GlueTeams.Teams.Activities;
using GlueTeams.Teams.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GlueTeams.App.Bot;

/// <summary>POST /api/messages: read, authenticate, de-duplicate, dispatch. Refusals happen before anything is written.</summary>
internal static partial class BotEndpoint
{
    public static IEndpointRouteBuilder MapBot(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/messages", HandleAsync)
            .WithName("BotMessages")
            .WithSummary("Bot Framework activities from Teams: messages, installs, Adaptive Card actions.");
        return app;
    }

    internal static async Task<Results<Ok, JsonHttpResult<AdaptiveCardInvokeResponse>, ProblemHttpResult>> HandleAsync(
        HttpRequest request, BotTokenValidator validator, ClaimStore claims, BotDispatcher dispatcher, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var parsed = await ActivityParser.ReadAsync(request.Body, cancellationToken);
        if (!parsed.IsOk)
        {
            return TypedResults.Problem(parsed.Message, statusCode: StatusCodes.Status400BadRequest, title: parsed.Failure.ToString());
        }
        var inbound = parsed.Value;
        if (await validator.ValidateAsync(request.Headers.Authorization, inbound, cancellationToken) is BotAuthResult.Refused refused)
        {
            LogRefused(loggers.CreateLogger(typeof(BotEndpoint)), refused.Failure, refused.Reason);
            return TypedResults.Problem(refused.Reason, statusCode: StatusCodes.Status401Unauthorized, title: refused.Failure.ToString());
        }
        if (inbound.FromAadObjectId is not { Length: > 0 } userId)
        {
            // Not a Microsoft 365 user (e.g. a bot or a guest channel): nothing of theirs to store or show.
            return inbound.Type == ActivityTypes.Invoke
                ? Invoke(AdaptiveCardInvokeResponse.Error(400, "NoUser", "GlueTeams works for Microsoft 365 users in a personal chat."))
                : TypedResults.Ok();
        }
        var turn = new BotTurn(inbound, userId);
        // Teams re-delivers an activity it got no answer to within ~15 s, with the same id: one effect per id.
        var first = inbound.Activity.Id is not { Length: > 0 } id
            || await claims.TryClaimAsync(inbound.TenantId, userId, "activity:" + id, Environment.MachineName, cancellationToken);
        var response = first
            ? await dispatcher.DispatchAsync(turn, cancellationToken)
            : await dispatcher.RepeatAsync(turn, cancellationToken);
        return response is null ? TypedResults.Ok() : Invoke(response);
    }

    private static JsonHttpResult<AdaptiveCardInvokeResponse> Invoke(AdaptiveCardInvokeResponse response) =>
        TypedResults.Json(response, ProtocolJson.Options);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a bot request: {Failure}: {Reason}")]
    private static partial void LogRefused(ILogger logger, BotAuthFailure failure, string reason);
}
