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
        team.MapGet("/members/{oid}/records", GetSharedRecords).WithName("GetMemberSharedRecords").WithSummary("The records a report shared in a period, to acknowledge one (audited)");
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

    internal static Task<Results<Ok<MemberReview>, ForbidHttpResult, ProblemHttpResult>> GetMemberSummary(
        string oid, int? weeks, string? from, string? to, ClaimsPrincipal user, TeamReviews reviews, LocalWeeks localWeeks, CancellationToken cancellationToken) =>
        ForMemberAsync(oid, weeks, from, to, user, localWeeks, (caller, range) => reviews.MemberAsync(caller, oid, range.From, range.To, cancellationToken), cancellationToken);

    /// <summary>The records a report shared in the period, for the manager to pick one to acknowledge (audited).</summary>
    internal static Task<Results<Ok<IReadOnlyList<SharedRecordView>>, ForbidHttpResult, ProblemHttpResult>> GetSharedRecords(
        string oid, int? weeks, string? from, string? to, ClaimsPrincipal user, TeamReviews reviews, LocalWeeks localWeeks, CancellationToken cancellationToken) =>
        ForMemberAsync(oid, weeks, from, to, user, localWeeks, (caller, range) => reviews.SharedRecordsAsync(caller, oid, range.From, range.To, cancellationToken), cancellationToken);

    /// <summary>A read about one report over a period: 403 for an unsafe id or someone not a direct report (the read says null), 400 for a bad period.</summary>
    private static async Task<Results<Ok<T>, ForbidHttpResult, ProblemHttpResult>> ForMemberAsync<T>(string oid, int? weeks, string? from, string? to,
        ClaimsPrincipal user, LocalWeeks localWeeks, Func<Caller, WeekRange, Task<T?>> read, CancellationToken cancellationToken) where T : class
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
        return await read(caller, range) is { } found ? TypedResults.Ok(found) : TypedResults.Forbid();
    }
}
