using System.Security.Claims;
using GlueTeams.App.Auth;
using GlueTeams.App.Evidence;
using GlueTeams.App.Team;
using GlueTeams.App.Users;
using GlueTeams.Core.Evidence;
using GlueTeams.Core.Validation;
using GlueTeams.Storage.Activities;
using GlueTeams.Storage.Evidence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GlueTeams.App.Api;

/// <summary>
/// Evidence. For the engineer's own eyes (the caller's own partition, tenant and user from the token): impact measures,
/// their private nudges, and the acknowledgements their manager wrote. For a manager: the records a direct report shared, and acknowledging
/// one of them or a shared period (<see cref="Acknowledgements"/>: direct reports only, audited).
/// </summary>
public static class EvidenceApi
{
    public static IEndpointRouteBuilder MapEvidenceApi(this IEndpointRouteBuilder routes)
    {
        var me = routes.MapGroup("/api/me").RequireAuthorization().WithTags("My glue work");
        me.MapGet("/impact", GetImpact).WithName("GetMyImpact").WithSummary("People reached and their teams, sessions per theme, weeks with records, from..to ISO weeks");
        me.MapGet("/acknowledgements", GetMyAcknowledgements).WithName("GetMyAcknowledgements").WithSummary("What my manager acknowledged, newest first");
        me.MapGet("/ladder", GetLadder).WithName("GetLadder").WithSummary("The career ladder the packet groups evidence under: its levels and the default");
        me.MapGet("/nudges", GetNudges).WithName("GetMyNudges").WithSummary("My private nudges toward systems and saying no, dismissed ones left out");
        me.MapPost("/nudges/dismiss", DismissNudge).WithName("DismissMyNudge").WithSummary("Dismiss one of my nudges for good");
        me.MapPatch("/acknowledgements/{id}", QuoteAcknowledgement).WithName("QuoteMyAcknowledgement").WithSummary("Quote an acknowledgement in my packet, or not");

        var team = routes.MapGroup("/api/team/members/{oid}").RequireAuthorization().WithTags("Team review");
        team.MapPost("/acknowledgements", Acknowledge).WithName("AcknowledgeMember").WithSummary("Acknowledge a shared record or period with a short note (audited)");
        team.MapGet("/acknowledgements", GetWrittenAcknowledgements).WithName("GetMemberAcknowledgements").WithSummary("What I acknowledged of this report");
        return routes;
    }

    /// <summary>A level of the ladder, for the tab's picker.</summary>
    public sealed record LadderLevelView(string Id, string Name);

    /// <summary>The ladder as the tab offers it: its name, its levels, the one picked by default.</summary>
    public sealed record LadderView(string Name, string DefaultLevel, IReadOnlyList<LadderLevelView> Levels);

    internal static Ok<LadderView> GetLadder(CareerLadder ladder) =>
        TypedResults.Ok(new LadderView(ladder.Name, ladder.DefaultLevel, [.. ladder.Levels.Select(l => new LadderLevelView(l.Id, l.Name))]));

    /// <summary>Which nudge to dismiss: a key <c>GET /api/me/nudges</c> gave.</summary>
    public sealed record NudgeDismissal(string? Key);

    internal static async Task<Ok<IReadOnlyList<Nudge>>> GetNudges(ClaimsPrincipal user, NudgeService nudges, LocalWeeks weeks, CancellationToken cancellationToken)
    {
        var caller = Caller.From(user);
        return TypedResults.Ok(await nudges.ForAsync(caller.TenantId, caller.UserId, await weeks.ZoneAsync(caller.TenantId, caller.UserId, cancellationToken), cancellationToken));
    }

    internal static async Task<Results<NoContent, NotFound, ProblemHttpResult>> DismissNudge(NudgeDismissal body, ClaimsPrincipal user, NudgeService nudges, LocalWeeks weeks,
        CancellationToken cancellationToken)
    {
        if (body.Key is not { Length: > 0 and <= MaxNudgeKeyLength } key)
        {
            return MeApi.BadRequest($"'key' must be one of the keys GET /api/me/nudges gave (at most {MaxNudgeKeyLength} characters).");
        }
        var caller = Caller.From(user);
        return await nudges.DismissAsync(caller.TenantId, caller.UserId, await weeks.ZoneAsync(caller.TenantId, caller.UserId, cancellationToken), key, cancellationToken)
            ? TypedResults.NoContent()
            : TypedResults.NotFound();
    }

    private const int MaxNudgeKeyLength = 100;

    /// <summary>The engineer's choice to quote an acknowledgement in the packet.</summary>
    public sealed record QuoteChoice(bool Quoted);

    internal static async Task<Ok<List<AcknowledgementView>>> GetMyAcknowledgements(ClaimsPrincipal user, AcknowledgementStore store, CancellationToken cancellationToken)
    {
        var caller = Caller.From(user);
        return TypedResults.Ok((await store.ListAsync(caller.TenantId, caller.UserId, cancellationToken)).Select(AcknowledgementView.Of).ToList());
    }

    internal static async Task<Results<NoContent, NotFound>> QuoteAcknowledgement(string id, QuoteChoice choice, ClaimsPrincipal user, AcknowledgementStore store,
        CancellationToken cancellationToken)
    {
        var caller = Caller.From(user);
        return await store.SetQuotedAsync(caller.TenantId, caller.UserId, id, choice.Quoted, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();
    }

    internal static async Task<Results<Created<AcknowledgementView>, ValidationProblem, ForbidHttpResult, NotFound<ProblemDetails>>> Acknowledge(
        string oid, AcknowledgementRequest request, ClaimsPrincipal user, Acknowledgements acknowledgements, CancellationToken cancellationToken)
    {
        if (!Caller.IsSafeId(oid))
        {
            return TypedResults.Forbid();
        }
        return await acknowledgements.AcknowledgeAsync(Caller.From(user), oid, request, cancellationToken) switch
        {
            AcknowledgeResult.Written w => TypedResults.Created($"/api/team/members/{oid}/acknowledgements", w.Acknowledgement),
            AcknowledgeResult.Invalid i => MeApi.ValidationProblem(Validated<string>.Fail(i.Errors)),
            AcknowledgeResult.NotAReport => TypedResults.Forbid(),
            _ => TypedResults.NotFound(new ProblemDetails
            {
                Status = StatusCodes.Status404NotFound,
                Title = "Nothing shared to acknowledge",
                Detail = "Only a record your report confirmed and shared, or a period in which they share, can be acknowledged.",
            }),
        };
    }

    internal static async Task<Results<Ok<IReadOnlyList<AcknowledgementView>>, ForbidHttpResult>> GetWrittenAcknowledgements(
        string oid, ClaimsPrincipal user, Acknowledgements acknowledgements, CancellationToken cancellationToken) =>
        Caller.IsSafeId(oid) && await acknowledgements.WrittenByAsync(Caller.From(user), oid, cancellationToken) is { } written
            ? TypedResults.Ok(written)
            : TypedResults.Forbid();

    internal static async Task<Results<Ok<ImpactView>, ProblemHttpResult>> GetImpact(
        string? from, string? to, ClaimsPrincipal user, ActivityStore activities, DirectoryLookups directory, LocalWeeks weeks, CancellationToken cancellationToken)
    {
        var caller = Caller.From(user);
        if (!WeekRange.TryParse(from, to, await weeks.CurrentAsync(caller.TenantId, caller.UserId, cancellationToken), out var range, out var error))
        {
            return MeApi.BadRequest(error);
        }
        var records = (await activities.ListAsync(caller.TenantId, caller.UserId, range.From, range.To, cancellationToken)).Select(r => r.Record).ToList();
        return TypedResults.Ok(ImpactView.Of(range.From, range.To, records, await directory.ReachAsync(caller.TenantId, records, cancellationToken)));
    }
}
