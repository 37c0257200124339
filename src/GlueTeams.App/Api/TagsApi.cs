using GlueTeams.Core.Records;
using System.Security.Claims;
using System.Text.RegularExpressions;
using GlueTeams.App.Auth;
using GlueTeams.App.Tags;
using GlueTeams.App.Users;
using GlueTeams.Core.Categories;
using GlueTeams.Core.Ingestion;
using GlueTeams.Core.Validation;
using GlueTeams.Core.Weeks;
using GlueTeams.Storage.Activities;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GlueTeams.App.Api;

/// <summary>A tag from the Outlook add-in. Absent text fields are empty; the category is required.</summary>
public sealed record TagRequest(string? Category, string? Impact, string? ArtifactLink, string? ArtifactTitle, string? Note, bool? Delegated, bool? SharedWithManager);

/// <summary>A category as the add-in offers it, with the Outlook category that marks a meeting with it (none for "not glue").</summary>
public sealed record TagCategoryView(string Id, string Name, string? OutlookCategory)
{
    public static IReadOnlyList<TagCategoryView> All { get; } =
        GlueCategories.All.Select(c => new TagCategoryView(c.Id, c.Name, c.IsGlue ? c.OutlookCategoryName : null)).ToList();
}

/// <summary>The meeting the add-in is open on: its suggestion (same engine as the card) and the user's decision, if any.</summary>
public sealed record TagView(
    string EventId, string RecordId, string? ETag, IsoWeek Week, string Title, DateTimeOffset Start, DateTimeOffset End, int Minutes,
    SuggestionView? Suggestion, ConfirmationView? Confirmation, bool? SharingDefault, IReadOnlyList<TagCategoryView> Categories,
    IReadOnlyList<ImpactOption> Impacts)
{
    public static TagView Of(string eventId, TagLookup.Found meeting, StoredRecord? stored)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        var observed = RecordView.Of(new StoredRecord(RecordIds.Of(meeting.Observed), meeting.Observed, default));
        var kept = stored is null ? null : RecordView.Of(stored);
        return new TagView(eventId, observed.Id, kept?.ETag, observed.Week, observed.Title, observed.Start, observed.End, observed.Minutes,
            observed.Suggestion, kept?.Confirmation, meeting.Owner.SharingDefault, TagCategoryView.All,
            VocabularyView.Current.Impacts);
    }
}

/// <summary>
/// The Outlook add-in's API: read the suggestion for a meeting, and tag it. Same tokens as the tab API; the event is
/// looked up in the caller's own mailbox, so nobody can tag another person's meeting or another tenant's.
/// </summary>
public static partial class TagsApi
{
    public const int MaxEventIdLength = 512;

    public static IEndpointRouteBuilder MapTagsApi(this IEndpointRouteBuilder routes)
    {
        var tags = routes.MapGroup("/api/tags").RequireAuthorization().WithTabApiProblems().WithTags("Outlook add-in");
        tags.MapGet("/{eventId}", GetTag).WithName("GetMeetingTag").WithSummary("The suggestion and any tag for a meeting of the caller's calendar (its REST id)");
        tags.MapPut("/{eventId}", PutTag).WithName("PutMeetingTag").WithSummary("Tag a meeting of the caller's calendar as glue work: confirmed, from the add-in");
        return routes;
    }

    internal static async Task<Results<Ok<TagView>, ProblemHttpResult>> GetTag(
        string eventId, ClaimsPrincipal user, OutlookTags tags, CancellationToken cancellationToken)
    {
        if (!IsEventId(eventId))
        {
            return MeApi.BadRequest(EventIdMessage);
        }
        var lookup = await tags.LookupAsync(Caller.From(user), eventId, cancellationToken);
        return lookup is TagLookup.Found found ? TypedResults.Ok(TagView.Of(eventId, found, found.Stored)) : Refusal(lookup);
    }

    /// <summary>
    /// Tags the meeting. When it is tagged already, the request must carry If-Match with the ETag of the tag the pane
    /// showed: 428 without it, 412 with a stale one (the body is the meeting as stored now, for the pane to show and
    /// offer to reload), so that a pane opened earlier never wipes an edit made since in the tab or on the card.
    /// </summary>
    internal static async Task<Results<Ok<TagView>, JsonHttpResult<TagView>, ValidationProblem, ProblemHttpResult>> PutTag(
        string eventId, TagRequest body, HttpRequest request, ClaimsPrincipal user, OutlookTags tags, ErasureGuard erasures, CancellationToken cancellationToken)
    {
        if (!IsEventId(eventId))
        {
            return MeApi.BadRequest(EventIdMessage);
        }
        var ifMatch = request.Headers.IfMatch.ToString();
        if (ifMatch.Length > 0 && !IsEntityTag(ifMatch))
        {
            return MeApi.BadRequest("If-Match must be the one ETag the meeting's tag was loaded with, in quotes (\"*\" is not accepted).");
        }
        var validated = TagValidator.Validate(new TagInput(body.Category, body.Impact, body.ArtifactLink, body.ArtifactTitle, body.Note, body.Delegated ?? false));
        if (!validated.IsValid)
        {
            return MeApi.ValidationProblem(validated);
        }
        var caller = Caller.From(user);
        if (await erasures.IsErasedAsync(caller.TenantId, caller.UserId, cancellationToken))
        {
            return Erased();
        }
        // One retry: a sync may merge calendar facts between our read and our write; the tag is the user's explicit choice.
        for (var attempt = 0; ; attempt++)
        {
            var lookup = await tags.LookupAsync(caller, eventId, cancellationToken);
            if (lookup is not TagLookup.Found found)
            {
                return Refusal(lookup);
            }
            var stored = found.Stored;
            if (ifMatch.Length == 0 && stored?.Record.Status == Core.Records.ActivityStatus.Confirmed)
            {
                return TypedResults.Problem("This meeting is tagged already: send If-Match with the ETag of the tag you loaded.",
                    statusCode: StatusCodes.Status428PreconditionRequired, title: "If-Match required");
            }
            if (ifMatch.Length > 0 && !string.Equals(stored?.ETag.ToString(), ifMatch, StringComparison.Ordinal))
            {
                return TypedResults.Json(TagView.Of(eventId, found, stored), statusCode: StatusCodes.Status412PreconditionFailed);
            }
            switch (await tags.TagAsync(found, validated.Value, body.SharedWithManager, cancellationToken))
            {
                case WriteResult.Written when await erasures.UndoIfErasedAsync(caller.TenantId, caller.UserId, cancellationToken):
                    return Erased();
                case WriteResult.Written written:
                    return TypedResults.Ok(TagView.Of(eventId, found, written.Record));
                case WriteResult.Conflict when attempt == 0:
                    continue;
                default:
                    return TypedResults.Problem("The meeting's record changed while it was being saved. Try again.",
                        statusCode: StatusCodes.Status409Conflict, title: "Changed elsewhere");
            }
        }
    }

    /// <summary>The caller deleted their data: nothing is created until they start again in Teams.</summary>
    private static ProblemHttpResult Erased() => TypedResults.Problem(
        "You deleted your GlueTeams data, so nothing is saved. Say \"start\" to GlueTeams in Teams to start again.",
        statusCode: StatusCodes.Status409Conflict, title: "Data deleted");

    private const string EventIdMessage = "The event id must be the meeting's REST id (convertToRestId), at most 512 letters, digits, '-', '_' or '='.";

    /// <summary>One entity tag, strong or weak, as our ETags are; a list, "*" or anything unquoted is not.</summary>
    private static bool IsEntityTag(string value) => value.Length <= 256 && EntityTag().IsMatch(value);

    [GeneratedRegex("^(W/)?\"[^\"\\p{Cc}]*\"$")]
    private static partial Regex EntityTag();

    private static bool IsEventId(string eventId) => eventId.Length <= MaxEventIdLength && RestId().IsMatch(eventId);

    private static ProblemHttpResult Refusal(TagLookup lookup) => lookup switch
    {
        TagLookup.NotServed => TypedResults.Problem(
            "GlueTeams is not connected to your organisation's calendars, so it cannot tag this meeting.",
            statusCode: StatusCodes.Status403Forbidden, title: "Organisation not served"),
        TagLookup.DoesNotCount { Reason: var reason } => TypedResults.Problem(
            reason switch
            {
                SkipReason.Cancelled => "This meeting is cancelled, so it is not counted.",
                SkipReason.Declined => "You declined this meeting, so it is not counted.",
                SkipReason.AllDay => "All-day events are not counted as glue work.",
                SkipReason.ShownAsFree => "This meeting shows you as free, so it is not counted.",
                _ => "This is a whole recurring series: open one occurrence to tag it.",
            },
            statusCode: StatusCodes.Status422UnprocessableEntity, title: "Not counted"),
        _ => TypedResults.Problem(
            "This meeting is not in your calendar yet. If it is new, save it first, then tag it.",
            statusCode: StatusCodes.Status404NotFound, title: "Meeting not found"),
    };

    /// <summary>REST ids are URL-safe base64 (Graph's ids); anything else is refused before Graph is asked.</summary>
    [GeneratedRegex("^[A-Za-z0-9_=-]+$")]
    private static partial Regex RestId();
}
