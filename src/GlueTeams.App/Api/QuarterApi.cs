using System.Security.Claims;
using GlueTeams.App.Auth;
using GlueTeams.App.Sync;
using GlueTeams.App.Users;
using GlueTeams.Core.Categories;
using GlueTeams.Core.Records;
using GlueTeams.Core.Weeks;
using GlueTeams.Storage.Activities;
using GlueTeams.Storage.Users;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GlueTeams.App.Api;

/// <summary>One week of the last quarter: its records, and how many are still suggestions.</summary>
public sealed record QuarterWeek(IsoWeek Week, int Records, int ToConfirm, int Confirmed);

/// <summary>One category of the quarter's suggestions: how many records and minutes are suggested as it and not yet confirmed.</summary>
public sealed record QuarterCategory(string CategoryId, string Name, int ToConfirm, int Minutes);

/// <summary>"Review your last quarter": the 12 weeks before this one (read at install), what is left to confirm, per week and per category.</summary>
public sealed record QuarterReview(IsoWeek From, IsoWeek To, IReadOnlyList<QuarterWeek> Weeks, IReadOnlyList<QuarterCategory> Categories, int ToConfirm);

/// <summary>Confirm, as suggested, every suggestion of one week, of one category, or of one category in one week.</summary>
public sealed record QuarterConfirmRequest(string? Week, string? Category);

/// <summary>What a confirm did: how many it confirmed, and how many changed meanwhile (left as they are).</summary>
public sealed record QuarterConfirmResult(int Confirmed, int Skipped);

/// <summary>GET /api/me/quarter and POST /api/me/quarter/confirm: the caller's own last quarter, erasure-guarded.</summary>
public static class QuarterApi
{
    public sealed record Services(ActivityStore Activities, UserStore Users, ErasureGuard Erasures, TimeProvider Time, Suggestions.TenantModels Models);

    public static RouteGroupBuilder MapQuarterApi(this RouteGroupBuilder me)
    {
        me.MapGet("/quarter", GetQuarter).WithName("GetMyQuarter").WithSummary("The last 12 weeks: suggestions left to confirm, per week and per category");
        me.MapPost("/quarter/confirm", Confirm).WithName("ConfirmMyQuarter").WithSummary("Confirm as suggested every suggestion of a week, a category, or both");
        return me;
    }

    internal static async Task<Ok<QuarterReview>> GetQuarter(ClaimsPrincipal user, [AsParameters] Services s, CancellationToken cancellationToken)
    {
        var caller = Caller.From(user);
        var (from, to) = await QuarterAsync(caller, s, cancellationToken);
        var records = await s.Activities.ListAsync(caller.TenantId, caller.UserId, from, to, cancellationToken);
        var open = records.Where(IsOpen).ToList();
        var weeks = Enumerable.Range(0, SyncWorkItem.QuarterWeeks).Select(i => from.AddWeeks(i)).Select(w =>
        {
            var inWeek = records.Where(r => r.Record.Week == w).ToList();
            return new QuarterWeek(w, inWeek.Count, inWeek.Count(IsOpen), inWeek.Count(r => r.Record.Status == ActivityStatus.Confirmed));
        }).ToList();
        var categories = GlueCategories.All
            .Select(c => (Category: c, Records: open.Where(r => r.Record.Suggestion!.CategoryId == c.Id).ToList()))
            .Where(c => c.Records.Count > 0)
            .Select(c => new QuarterCategory(c.Category.Id, c.Category.Name, c.Records.Count, c.Records.Sum(r => r.Record.Minutes)))
            .ToList();
        return TypedResults.Ok(new QuarterReview(from, to, weeks, categories, open.Count));
    }

    internal static async Task<Results<Ok<QuarterConfirmResult>, ProblemHttpResult>> Confirm(
        QuarterConfirmRequest body, ClaimsPrincipal user, [AsParameters] Services s, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var caller = Caller.From(user);
        var (from, to) = await QuarterAsync(caller, s, cancellationToken);
        IsoWeek? week = null;
        if (body.Week is not null)
        {
            if (!IsoWeek.TryParse(body.Week, out var parsed) || parsed < from || parsed > to)
            {
                return MeApi.BadRequest($"'week' must be one of the last quarter's weeks, {from} to {to}.");
            }
            week = parsed;
        }
        if (body.Category is not null && !GlueCategories.TryGet(body.Category, out _))
        {
            return MeApi.BadRequest($"'category' must be a glue-work category id such as {GlueCategories.Mentoring.Id}.");
        }
        if (week is null && body.Category is null)
        {
            return MeApi.BadRequest("Give a 'week', a 'category' or both: what to confirm as suggested.");
        }
        if (await s.Erasures.IsErasedAsync(caller.TenantId, caller.UserId, cancellationToken))
        {
            return TypedResults.Problem("You deleted your GlueTeams data, so nothing is saved. Say \"start\" to GlueTeams in Teams to start again.",
                statusCode: StatusCodes.Status409Conflict, title: "Data deleted");
        }
        var shared = (await s.Users.GetAsync(caller.TenantId, caller.UserId, cancellationToken))?.SharingDefault ?? false;
        var selected = (await s.Activities.ListAsync(caller.TenantId, caller.UserId, week ?? from, week ?? to, cancellationToken))
            .Where(IsOpen)
            .Where(r => body.Category is null || r.Record.Suggestion!.CategoryId == body.Category)
            .ToList();
        var now = s.Time.GetUtcNow();
        // Each write carries the ETag just read: a record a sync or another device changed meanwhile is left as it is.
        var updates = selected.Select(r => r with
        {
            Record = r.Record with
            {
                Status = ActivityStatus.Confirmed,
                Confirmation = new Confirmation(r.Record.Suggestion!.CategoryId, r.Record.Suggestion.Impact, null, null, null, false, shared, now),
            },
        }).ToList();
        var results = await Task.WhenAll(updates.Select(u => s.Activities.ReplaceAsync(u, cancellationToken)));
        await s.Erasures.UndoIfErasedAsync(caller.TenantId, caller.UserId, cancellationToken);
        await s.Models.LearnAsync(selected.Zip(updates).Where((_, i) => results[i] is WriteResult.Written).Select(p => (p.First.Record, p.Second.Record)), cancellationToken);
        var confirmed = results.Count(r => r is WriteResult.Written);
        return TypedResults.Ok(new QuarterConfirmResult(confirmed, results.Length - confirmed));
    }

    /// <summary>A suggestion nobody decided yet.</summary>
    private static bool IsOpen(StoredRecord record) => record.Record is { Status: ActivityStatus.Suggested, Suggestion: not null };

    /// <summary>The 12 weeks before the caller's current week, in their own time zone.</summary>
    private static async Task<(IsoWeek From, IsoWeek To)> QuarterAsync(Caller caller, Services s, CancellationToken cancellationToken)
    {
        var zone = (await s.Users.GetAsync(caller.TenantId, caller.UserId, cancellationToken))?.TimeZone ?? TimeZoneInfo.Utc;
        var current = IsoWeek.Containing(s.Time.GetUtcNow(), zone);
        return (current.AddWeeks(-SyncWorkItem.QuarterWeeks), current.Previous);
    }
}
