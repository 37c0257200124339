using System.Security.Claims;
using GlueTeams.App.Auth;
using GlueTeams.App.Team;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GlueTeams.App.Api;

/// <summary>Team review for managers: direct reports only (Graph), shared records only, every read audited.</summary>
public static class TeamApi
{
    public static IEndpointRouteBuilder MapTeamApi(this IEndpointRouteBuilder routes)
    {
        var team = routes.MapGroup("/api/team").RequireAuthorization().WithTags("Team review");
        team.MapGet("/summary", GetTeamSummary).WithName("GetTeamSummary").WithSummary("Each direct report's shared glue work, the team shares and signals");
        team.MapGet("/members/{oid}/summary", GetMemberSummary).WithName("GetMemberSummary").WithSummary("One direct report's shared glue work");
        return routes;
    }

    internal static async Task<Results<Ok<TeamReview>, ForbidHttpResult, ProblemHttpResult>> GetTeamSummary(
        int? weeks, ClaimsPrincipal user, TeamReviews reviews, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!WeekRange.TryTrailing(weeks, WeekRange.CurrentWeek(time), out var range, out var error))
        {
            return MeApi.BadRequest(error);
        }
        var review = await reviews.TeamAsync(Caller.From(user), range.From, range.To, cancellationToken);
        return review is null ? TypedResults.Forbid() : TypedResults.Ok(review);
    }

    internal static async Task<Results<Ok<MemberReview>, ForbidHttpResult, ProblemHttpResult>> GetMemberSummary(
        string oid, int? weeks, ClaimsPrincipal user, TeamReviews reviews, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!WeekRange.TryTrailing(weeks, WeekRange.CurrentWeek(time), out var range, out var error))
        {
            return MeApi.BadRequest(error);
        }
        if (!Caller.IsSafeId(oid))
        {
            return TypedResults.Forbid();
        }
        var review = await reviews.MemberAsync(Caller.From(user), oid, range.From, range.To, cancellationToken);
        return review is null ? TypedResults.Forbid() : TypedResults.Ok(review);
    }
}
