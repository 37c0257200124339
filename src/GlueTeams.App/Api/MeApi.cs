using System.Security.Claims;
using Azure;
using GlueTeams.App.Auth;
using GlueTeams.App.Export;
using GlueTeams.App.Team;
using GlueTeams.App.Users;
using GlueTeams.Core.Records;
using GlueTeams.Core.Summaries;
using GlueTeams.Core.Validation;
using GlueTeams.Core.Weeks;
using GlueTeams.Storage.Activities;
using GlueTeams.Storage.Tables;
using GlueTeams.Storage.Users;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GlueTeams.App.Api;

/// <summary>The services the "My glue work" handlers use.</summary>
public sealed record MeServices(ActivityStore Activities, UserStore Users, DirectReports Reports, PromotionPacket Packet, LocalWeeks Weeks, WhoViewed Viewers, TimeProvider Time,
    Suggestions.TenantModels Models);

/// <summary>An engineer's own data: always the caller's partition, tenant and user from the token only.</summary>
public static class MeApi
{
    public static IEndpointRouteBuilder MapMeApi(this IEndpointRouteBuilder routes)
    {
        var me = routes.MapGroup("/api/me").RequireAuthorization().WithTags("My glue work");
        me.MapGet("/profile", GetProfile).WithName("GetMyProfile").WithSummary("Display name, whether Graph lists direct reports, the sharing default");
        me.MapGet("/summary", GetSummary).WithName("GetMySummary").WithSummary("Glue work per week and in total, from..to ISO weeks");
        me.MapGet("/records", GetRecords).WithName("GetMyRecords").WithSummary("The records of one ISO week");
        me.MapQuarterApi();
        me.MapPost("/work", WorkApi.AddWork).WithName("AddMyWork").WithSummary("Log glue work that was not a meeting; suggested by the engine when no category is given");
        me.MapPatch("/records/{id}", PatchRecord).WithName("PatchMyRecord").WithSummary("Confirm or edit a record; If-Match guards against lost updates");
        me.MapPost("/records/sharing", SharingApi.SetSharing).WithName("SetMyRecordsSharing").WithSummary("Share or hide a selection of records, or a whole period");
        me.MapGet("/sharing", SharingApi.GetSharing).WithName("GetMySharing").WithSummary("The sharing default and how many confirmed records are shared");
        me.MapGet("/export", Export).WithName("ExportMyPacket").WithSummary("Promotion packet: Markdown and its chart (zip) or Word, evidence grouped for a ladder level; or CSV of the records");
        me.MapGet("/audit", GetAudit).WithName("GetMyAudit").WithSummary("Who viewed my data, in words, one line per viewer, kind of view and day, newest first");
        return routes;
    }

    internal static async Task<Ok<ProfileView>> GetProfile(ClaimsPrincipal user, [AsParameters] MeServices s, CancellationToken cancellationToken)
    {
        var caller = Caller.From(user);
        var profile = await s.Users.GetAsync(caller.TenantId, caller.UserId, cancellationToken);
        var reports = await s.Reports.ListAsync(caller.TenantId, caller.UserId, cancellationToken);
        var name = profile?.DisplayName is { Length: > 0 } stored ? stored : caller.Name ?? "";
        var zone = await s.Weeks.ZoneAsync(caller.TenantId, caller.UserId, cancellationToken);
        return TypedResults.Ok(new ProfileView(caller.UserId, name, reports.Count > 0, profile?.SharingDefault, profile?.Unreachable ?? false,
            await s.Weeks.CurrentAsync(caller.TenantId, caller.UserId, cancellationToken), zone.Id));
    }

    internal static async Task<Results<Ok<PeriodSummary>, ProblemHttpResult>> GetSummary(
        string? from, string? to, ClaimsPrincipal user, [AsParameters] MeServices s, CancellationToken cancellationToken)
    {
        var caller = Caller.From(user);
        if (!WeekRange.TryParse(from, to, await s.Weeks.CurrentAsync(caller.TenantId, caller.UserId, cancellationToken), out var range, out var error))
        {
            return BadRequest(error);
        }
        var stored = await s.Activities.ListAsync(caller.TenantId, caller.UserId, range.From, range.To, cancellationToken);
        return TypedResults.Ok(PeriodSummary.Of(range.From, range.To, stored.Select(r => r.Record)));
    }

    internal static async Task<Results<Ok<List<RecordView>>, ProblemHttpResult>> GetRecords(
        string? week, ClaimsPrincipal user, [AsParameters] MeServices s, CancellationToken cancellationToken)
    {
        var caller = Caller.From(user);
        if (!WeekRange.TryParseWeek(week, out var isoWeek))
        {
            var current = await s.Weeks.CurrentAsync(caller.TenantId, caller.UserId, cancellationToken);
            return BadRequest($"'week' must be an ISO week from {WeekRange.Earliest} to {WeekRange.Latest}, such as {current} (this week).");
        }
        var stored = await s.Activities.ListAsync(caller.TenantId, caller.UserId, isoWeek, isoWeek, cancellationToken);
        return TypedResults.Ok(stored.Select(RecordView.Of).ToList());
    }

    internal static async Task<Results<Ok<RecordView>, ValidationProblem, NotFound, Conflict<RecordView>, ProblemHttpResult>> PatchRecord(
        string id, RecordPatch patch, HttpRequest request, ClaimsPrincipal user, [AsParameters] MeServices s, CancellationToken cancellationToken)
    {
        var ifMatchText = request.Headers.IfMatch.Count > 1 ? request.Headers.IfMatch.ToString() : request.Headers.IfMatch.FirstOrDefault() ?? patch.ETag;
        if (!StoredETags.TryParseIfMatch(ifMatchText, out var ifMatch, out var ifMatchError))
        {
            return BadRequest(ifMatchError);
        }
        var caller = Caller.From(user);
        var stored = await s.Activities.GetAsync(caller.TenantId, caller.UserId, id, cancellationToken);
        if (stored is null)
        {
            return TypedResults.NotFound();
        }
        var current = stored.Record.Confirmation;
        var validated = TagValidator.Validate(new TagInput(
            patch.Category ?? current?.CategoryId ?? stored.Record.Suggestion?.CategoryId,
            patch.Impact ?? (current is null ? null : ImpactText.Of(current.Impact)),
            patch.ArtifactLink ?? current?.ArtifactLink?.OriginalString,
            patch.ArtifactTitle ?? current?.ArtifactTitle,
            patch.Note ?? current?.OutcomeNote,
            patch.Delegated ?? current?.Delegated ?? false));
        if (!validated.IsValid)
        {
            return ValidationProblem(validated);
        }
        var shared = patch.SharedWithManager ?? current?.SharedWithManager
                     ?? (await s.Users.GetAsync(caller.TenantId, caller.UserId, cancellationToken))?.SharingDefault ?? false;
        var updated = stored with
        {
            ETag = ifMatch ?? stored.ETag,
            Record = stored.Record with
            {
                Status = ActivityStatus.Confirmed,
                Confirmation = validated.Value.ToConfirmation(shared, s.Time.GetUtcNow()),
            },
        };
        var result = await s.Activities.ReplaceAsync(updated, cancellationToken);
        if (result is WriteResult.Written)
        {
            await s.Models.LearnAsync([(stored.Record, updated.Record)], cancellationToken);
        }
        return result switch
        {
            WriteResult.Written written => TypedResults.Ok(RecordView.Of(written.Record)),
            WriteResult.Conflict conflict => TypedResults.Conflict(RecordView.Of(conflict.Current)),
            _ => TypedResults.NotFound(),
        };
    }

    /// <param name="level">The ladder level evidence is grouped for (the ladder's default when absent).</param>
    /// <param name="includePrivate">Whether the private section (delegated work) is in; it is left out unless asked.</param>
    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Export(
        string? from, string? to, string? format, string? level, bool? includePrivate, ClaimsPrincipal user, [AsParameters] MeServices s, CancellationToken cancellationToken)
    {
        var caller = Caller.From(user);
        if (!WeekRange.TryParse(from, to, await s.Weeks.CurrentAsync(caller.TenantId, caller.UserId, cancellationToken), out var range, out var error))
        {
            return BadRequest(error);
        }
        if (!PromotionPacket.TryParseFormat(format, out var exportFormat))
        {
            return BadRequest("'format' must be 'md' (Markdown and its chart, zipped), 'docx' (Word) or 'csv'.");
        }
        if (s.Packet.LevelProblem(level) is { } levelProblem)
        {
            return BadRequest(levelProblem);
        }
        var file = await s.Packet.ExportAsync(caller.TenantId, caller.UserId, new PacketRequest(range.From, range.To, exportFormat, level, includePrivate ?? false), cancellationToken);
        return TypedResults.File(file.Content, file.ContentType, file.FileName);
    }

    internal static async Task<Ok<IReadOnlyList<ViewedDay>>> GetAudit(ClaimsPrincipal user, [AsParameters] MeServices s, CancellationToken cancellationToken) =>
        TypedResults.Ok(await s.Viewers.ForAsync(Caller.From(user), cancellationToken));

    /// <summary>A 400 naming each field's errors, as the tab and the add-in show them inline.</summary>
    internal static ValidationProblem ValidationProblem<T>(Validated<T> invalid) =>
        TypedResults.ValidationProblem(
            invalid.Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
            detail: invalid.Message);

    internal static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad request");
}
