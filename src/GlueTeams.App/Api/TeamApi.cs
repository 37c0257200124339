using System.Security.Claims;
using System.Text;
using GlueTeams.App.Auth;
using GlueTeams.App.Export;
using GlueTeams.App.Team;
using GlueTeams.App.Users;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GlueTeams.App.Api;

/// <summary>
/// Team review for managers: direct reports only (Graph), shared records only, every read audited. A period is the last
/// <c>weeks</c> weeks (4, 12, 26, 52 in the tab; 1..52 here) or <c>from</c>..<c>to</c> ISO weeks, and ends by default
/// with the latest week that has begun for the manager or any report (<see cref="LocalWeeks.TeamAsync"/>).
/// </summary>
public static class TeamApi
{
    public static IEndpointRouteBuilder MapTeamApi(this IEndpointRouteBuilder routes)
    {
        var team = routes.MapGroup("/api/team").RequireAuthorization().WithTags("Team review");
        team.MapGet("/summary", GetTeamSummary).WithName("GetTeamSummary").WithSummary("Each direct report's shared glue work, the team shares, signals and category mix");
        team.MapGet("/export", ExportTeam).WithName("ExportTeam").WithSummary("What the manager sees of the team, as CSV");
        team.MapGet("/members/{oid}/summary", GetMemberSummary).WithName("GetMemberSummary").WithSummary("One direct report's shared glue work");
        return routes;
    }

    internal static async Task<Results<Ok<TeamReview>, ForbidHttpResult, ProblemHttpResult>> GetTeamSummary(
        int? weeks, string? from, string? to, ClaimsPrincipal user, TeamReviews reviews, LocalWeeks localWeeks, CancellationToken cancellationToken)
    {
        var caller = Caller.From(user);
        if (!WeekRange.TryPeriod(weeks, from, to, await localWeeks.TeamAsync(caller, cancellationToken), out var range, out var error))
        {
            return MeApi.BadRequest(error);
        }
        var review = await reviews.TeamAsync(caller, range.From, range.To, ManagerReads.TeamSummary, cancellationToken);
        return review is null ? TypedResults.Forbid() : TypedResults.Ok(review);
    }

    /// <summary>The same read as the summary (same rule, audited as an export), as a CSV for calibration meetings.</summary>
    internal static async Task<Results<FileContentHttpResult, ForbidHttpResult, ProblemHttpResult>> ExportTeam(
        int? weeks, string? from, string? to, ClaimsPrincipal user, TeamReviews reviews, LocalWeeks localWeeks, CancellationToken cancellationToken)
    {
        var caller = Caller.From(user);
        if (!WeekRange.TryPeriod(weeks, from, to, await localWeeks.TeamAsync(caller, cancellationToken), out var range, out var error))
        {
            return MeApi.BadRequest(error);
        }
        var review = await reviews.TeamAsync(caller, range.From, range.To, ManagerReads.TeamExport, cancellationToken);
        return review is null
            ? TypedResults.Forbid()
            : TypedResults.File(Encoding.UTF8.GetBytes(TeamCsv.Render(review)), "text/csv; charset=utf-8", $"team-glue-work-{range.From}-{range.To}.csv");
    }

    internal static async Task<Results<Ok<MemberReview>, ForbidHttpResult, ProblemHttpResult>> GetMemberSummary(
        string oid, int? weeks, string? from, string? to, ClaimsPrincipal user, TeamReviews reviews, LocalWeeks localWeeks, CancellationToken cancellationToken)
    {
        if (!Caller.IsSafeId(oid))
        {
            return TypedResults.Forbid();
        }
        var caller = Caller.From(user);
        if (!WeekRange.TryPeriod(weeks, from, to, await localWeeks.MemberAsync(caller, oid, cancellationToken), out var range, out var error))
        {
            return MeApi.BadRequest(error);
        }
        var review = await reviews.MemberAsync(caller, oid, range.From, range.To, cancellationToken);
        return review is null ? TypedResults.Forbid() : TypedResults.Ok(review);
    }
}
