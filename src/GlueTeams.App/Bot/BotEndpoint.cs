using GlueTeams.App.Tenants;
using GlueTeams.Storage.Claims;
using GlueTeams.Storage.Users;
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

    internal static async Task<Results<Ok, JsonHttpResult<AdaptiveCardInvokeResponse>, JsonHttpResult<TaskModuleResponse>, ProblemHttpResult>> HandleAsync(
        HttpRequest request, BotTokenValidator validator, ClaimStore claims, BotDispatcher dispatcher, ErasureTombstones tombstones, TenantAccess tenants,
        ILoggerFactory loggers, CancellationToken cancellationToken)
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
        // Multi-tenant: an organisation whose admin has not consented is told how to, and nothing of it is stored.
        if (!await tenants.ServesAsync(inbound.TenantId, cancellationToken))
        {
            var logger = loggers.CreateLogger(typeof(BotEndpoint));
            LogNotServed(logger, inbound.Type);
            return Answer(await dispatcher.NotServedAsync(turn, cancellationToken));
        }
        // After "delete my data" nothing is written for the user (not even the claim below) until they start again.
        if (!BotDispatcher.StartsAgain(turn) && await tombstones.IsErasedAsync(inbound.TenantId, userId, cancellationToken))
        {
            return Answer(await dispatcher.ErasedAsync(turn, cancellationToken));
        }
        // Teams re-delivers an activity it got no answer to within ~15 s, with the same id: one effect per id.
        var claimKey = inbound.Activity.Id is { Length: > 0 } id ? "activity:" + id : null;
        var first = claimKey is null || await claims.TryClaimAsync(inbound.TenantId, userId, claimKey, Environment.MachineName, cancellationToken);
        IInvokeResponse? response;
        try
        {
            response = first
                ? await dispatcher.DispatchAsync(turn, cancellationToken)
                : await dispatcher.RepeatAsync(turn, cancellationToken);
        }
        catch (UserErasedException)
        {
            await claims.DeleteAllAsync(inbound.TenantId, userId, cancellationToken); // the claim above, written after the erasure
            response = await dispatcher.ErasedAsync(turn, cancellationToken);
        }
        catch (Exception e) when (first && claimKey is not null)
        {
            // The turn failed before its reply was queued: give the id back so that Teams' re-delivery runs it again.
            LogTurnFailed(loggers.CreateLogger(typeof(BotEndpoint)), inbound.Type, e.GetType().Name);
            await ReleaseAsync(claims, inbound.TenantId, userId, claimKey, loggers);
            return TypedResults.Problem("The activity could not be handled now; Teams will deliver it again.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        return Answer(response);
    }

    /// <summary>The HTTP 200 of a turn: empty, or the invoke's answer (a Universal Actions card, or a message extension's dialog).</summary>
    private static Results<Ok, JsonHttpResult<AdaptiveCardInvokeResponse>, JsonHttpResult<TaskModuleResponse>, ProblemHttpResult> Answer(IInvokeResponse? response) => response switch
    {
        null => TypedResults.Ok(),
        TaskModuleResponse task => TypedResults.Json(task, ProtocolJson.Options),
        AdaptiveCardInvokeResponse card => Invoke(card),
        _ => throw new InvalidOperationException("An invoke answer of an unknown kind."),
    };

    private static async Task ReleaseAsync(ClaimStore claims, string tenantId, string userId, string key, ILoggerFactory loggers)
    {
        try
        {
            await claims.ReleaseAsync(tenantId, userId, key, CancellationToken.None);
        }
        catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException or AggregateException)
        {
            // storage is what failed: the claim stays, and this activity's re-delivery is answered as a duplicate
            LogReleaseFailed(loggers.CreateLogger(typeof(BotEndpoint)), e.GetType().Name);
        }
    }

    private static JsonHttpResult<AdaptiveCardInvokeResponse> Invoke(AdaptiveCardInvokeResponse response) =>
        TypedResults.Json(response, ProtocolJson.Options);

    [LoggerMessage(Level = LogLevel.Error, Message = "A {Type} turn failed before its reply was queued ({Error}); its claim is released for Teams' re-delivery.")]
    private static partial void LogTurnFailed(ILogger logger, string? type, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Releasing a failed turn's claim failed too ({Error}).")]
    private static partial void LogReleaseFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "A {Type} activity from an organisation that has not consented: answered with the admin consent link, nothing stored.")]
    private static partial void LogNotServed(ILogger logger, string? type);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a bot request: {Failure}: {Reason}")]
    private static partial void LogRefused(ILogger logger, BotAuthFailure failure, string reason);
}
