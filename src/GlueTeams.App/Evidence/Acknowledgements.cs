using System.Globalization;
using GlueTeams.App.Api;
using GlueTeams.App.Auth;
using GlueTeams.App.Export;
using GlueTeams.App.Team;
using GlueTeams.App.Users;
using GlueTeams.Core.Categories;
using GlueTeams.Core.Sharing;
using GlueTeams.Core.Validation;
using GlueTeams.Core.Weeks;
using GlueTeams.Storage.Activities;
using GlueTeams.Storage.Audit;
using GlueTeams.Storage.Evidence;
using GlueTeams.Storage.Users;

namespace GlueTeams.App.Evidence;

/// <summary>What a manager sends: a shared record (<see cref="RecordId"/>) or a period (<see cref="From"/>..<see cref="To"/>), and a short note.</summary>
public sealed record AcknowledgementRequest(string? RecordId, string? From, string? To, string? Note);

/// <summary>An acknowledgement as the engineer (or the manager who wrote it) sees it.</summary>
public sealed record AcknowledgementView(string Id, string ManagerName, string About, string Note, DateTimeOffset At, bool Quoted)
{
    public static AcknowledgementView Of(Acknowledgement a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new(a.Id, a.ManagerName, a.About, a.Note, a.At, a.Quoted);
    }
}

/// <summary>The outcome of an acknowledgement: written, refused as bad input, not the manager's report, or nothing shared to acknowledge.</summary>
public abstract record AcknowledgeResult
{
    public sealed record Written(AcknowledgementView Acknowledgement) : AcknowledgeResult;
    public sealed record Invalid(IReadOnlyList<FieldError> Errors) : AcknowledgeResult;
    public sealed record NotAReport : AcknowledgeResult;
    /// <summary>No such record, a record not shared, a period with nothing shared, or an erased user: all the same to the manager.</summary>
    public sealed record NothingShared : AcknowledgeResult;
}

/// <summary>
/// Manager acknowledgements: a manager may acknowledge only what their direct report shared (a record confirmed AND shared,
/// or a period in which they share something), with a short note validated like every note; every acknowledgement is
/// audited before it is written, and only the engineer and the acknowledging manager ever read it.
/// </summary>
public sealed class Acknowledgements(DirectReports reports, ActivityStore activities, AcknowledgementStore store, AuditLog audit,
    ErasureTombstones tombstones, DirectoryLookups directory, TimeProvider time)
{
    public const string AuditAction = "manager-acknowledged";

    public async Task<AcknowledgeResult> AcknowledgeAsync(Caller manager, string reportId, AcknowledgementRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(request);
        var note = TagValidator.RequiredNote("note", "The note", request.Note);
        var target = Target(request);
        if (!note.IsValid || target.Errors.Count > 0)
        {
            return new AcknowledgeResult.Invalid([.. note.Errors, .. target.Errors]);
        }
        if (await reports.FindAsync(manager.TenantId, manager.UserId, reportId, cancellationToken) is null)
        {
            return new AcknowledgeResult.NotAReport();
        }
        if (await tombstones.IsErasedAsync(manager.TenantId, reportId, cancellationToken) || await AboutAsync(manager.TenantId, reportId, target, cancellationToken) is not { } about)
        {
            return new AcknowledgeResult.NothingShared();
        }
        var detail = target.RecordId is not null ? "a shared record" : $"{target.From}..{target.To}";
        await audit.AppendAsync(manager.TenantId, reportId, manager.UserId, AuditAction, detail, cancellationToken);
        var name = await directory.DisplayNameAsync(manager.TenantId, manager.UserId, cancellationToken) ?? manager.Name ?? "Your manager";
        var stored = await store.AddAsync(new Acknowledgement("", manager.TenantId, reportId, manager.UserId, name, target.RecordId, target.From, target.To,
            about, note.Value, time.GetUtcNow(), false), cancellationToken);
        if (await tombstones.IsErasedAsync(manager.TenantId, reportId, cancellationToken))
        {
            await store.DeleteAsync(stored, cancellationToken); // raced the report's erasure: nothing may stay about them
            return new AcknowledgeResult.NothingShared();
        }
        return new AcknowledgeResult.Written(AcknowledgementView.Of(stored));
    }

    /// <summary>What one manager wrote about one report; null when the person is not their direct report.</summary>
    public async Task<IReadOnlyList<AcknowledgementView>?> WrittenByAsync(Caller manager, string reportId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manager);
        return await reports.FindAsync(manager.TenantId, manager.UserId, reportId, cancellationToken) is null
            ? null
            : [.. (await store.ListByAsync(manager.TenantId, reportId, manager.UserId, cancellationToken)).Select(AcknowledgementView.Of)];
    }

    private sealed record Acknowledged(string? RecordId, IsoWeek? From, IsoWeek? To, IReadOnlyList<FieldError> Errors);

    private static Acknowledged Target(AcknowledgementRequest request)
    {
        var hasRecord = !string.IsNullOrEmpty(request.RecordId);
        var hasPeriod = request.From is not null || request.To is not null;
        if (hasRecord == hasPeriod)
        {
            return new(null, null, null, [new("target", "Acknowledge either one shared record (recordId) or a period (from and to), not both.")]);
        }
        if (hasRecord)
        {
            return new(request.RecordId, null, null, []);
        }
        if (!WeekRange.TryParseWeek(request.From, out var from) || !WeekRange.TryParseWeek(request.To, out var to) || to < from || from.AddWeeks(52) <= to)
        {
            return new(null, null, null, [new("period", $"'from' and 'to' must be ISO weeks such as 2026-W45, from first, at most 52 weeks.")]);
        }
        return new(null, from, to, []);
    }

    /// <summary>The acknowledged thing in words, or null when the report does not share it.</summary>
    private async Task<string?> AboutAsync(string tenantId, string reportId, Acknowledged target, CancellationToken cancellationToken)
    {
        if (target.RecordId is { } recordId)
        {
            var stored = await activities.GetAsync(tenantId, reportId, recordId, cancellationToken);
            if (stored is null || !SharingRule.IsVisibleToManager(stored.Record))
            {
                return null;
            }
            var c = stored.Record.Confirmation!;
            var day = DateOnly.FromDateTime(stored.Record.Start.UtcDateTime).ToString("d MMM yyyy", CultureInfo.InvariantCulture);
            var name = GlueCategories.TryGet(c.CategoryId, out var category) ? category.Name : c.CategoryId;
            return c.ArtifactTitle is { Length: > 0 } artifact ? $"{name} on {day} ({artifact})" : $"{name} on {day}";
        }
        var (from, to) = (target.From!.Value, target.To!.Value);
        var shared = await activities.ListAsync(tenantId, reportId, from, to, cancellationToken);
        return ManagerView.Of(from, to, shared.Select(r => r.Record)).IsSharing
            ? $"glue work from {PacketContent.Range(from.Monday, to.Monday.AddDays(6), "to")}"
            : null;
    }
}
