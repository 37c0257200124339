using System.Security.Claims;
using GlueTeams.App.Auth;
using GlueTeams.App.Work;
using GlueTeams.Core.Records;
using GlueTeams.Core.Validation;
using GlueTeams.Storage.Users;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GlueTeams.App.Api;

/// <summary>
/// The tab's "Add work": glue work that was not a meeting. <see cref="Category"/> and <see cref="Impact"/> may be left
/// out for the engine's suggestion; <see cref="Key"/> (any text up to 100 characters, a new one per entry) makes a
/// re-sent request save once.
/// </summary>
public sealed record WorkRequest(string? Duration, string? Text, string? Link, string? Category, string? Impact, string? Key);

/// <summary>The stored entry, and what the engine suggested for it (with its reasons).</summary>
public sealed record WorkView(RecordView Record, SuggestionView? Suggestion, string? ImpactReason);

/// <summary>POST /api/me/work: the caller's own logged work (Source Manual), erasure-guarded like every write.</summary>
public static class WorkApi
{
    public const int MaxKeyLength = 100;

    internal static async Task<Results<Created<WorkView>, Ok<WorkView>, ValidationProblem, ProblemHttpResult>> AddWork(
        WorkRequest body, ClaimsPrincipal user, LoggedWork work, UserStore users, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var caller = Caller.From(user);
        if (body.Key is { Length: > MaxKeyLength })
        {
            return MeApi.BadRequest($"'key' is at most {MaxKeyLength} characters.");
        }
        var log = WorkLogParser.Validate(body.Duration, body.Text, body.Link);
        if (!log.IsValid)
        {
            return MeApi.ValidationProblem(log);
        }
        var suggestion = await work.SuggestAsync(caller.TenantId, await users.GetAsync(caller.TenantId, caller.UserId, cancellationToken), log.Value, cancellationToken);
        var tag = TagValidator.Validate(new TagInput(
            string.IsNullOrWhiteSpace(body.Category) ? suggestion?.CategoryId : body.Category,
            string.IsNullOrWhiteSpace(body.Impact) ? (suggestion is null ? null : ImpactText.Of(suggestion.Impact)) : body.Impact,
            null, null, null, false));
        if (!tag.IsValid)
        {
            return MeApi.ValidationProblem(tag);
        }
        var key = string.IsNullOrEmpty(body.Key) ? Guid.NewGuid().ToString("N") : body.Key;
        return await work.SaveAsync(caller.TenantId, caller.UserId, log.Value, tag.Value, ActivitySource.Manual, $"tab:{caller.UserId}:{key}", cancellationToken) switch
        {
            LogResult.Saved saved => TypedResults.Created($"/api/me/records/{Uri.EscapeDataString(saved.Record.Id)}", view(saved.Record)),
            LogResult.AlreadySaved before => TypedResults.Ok(view(before.Record)),
            _ => TypedResults.Problem("You deleted your GlueTeams data, so nothing is saved. Say \"start\" to GlueTeams in Teams to start again.",
                statusCode: StatusCodes.Status409Conflict, title: "Data deleted"),
        };

        WorkView view(Storage.Activities.StoredRecord stored) =>
            new(RecordView.Of(stored), suggestion is null ? null : new SuggestionView(suggestion.CategoryId, suggestion.Reason), suggestion?.ImpactReason);
    }
}
