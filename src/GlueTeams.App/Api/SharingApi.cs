using System.Security.Claims;
using GlueTeams.App.Auth;
using GlueTeams.Core.Records;
using GlueTeams.Storage.Activities;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GlueTeams.App.Api;

/// <summary>
/// Share or hide a selection of one's own records: either <see cref="Ids"/> (at most <see cref="SharingApi.MaxIds"/>)
/// or a whole period <see cref="From"/>..<see cref="To"/> (ISO weeks), never both.
/// </summary>
public sealed record SharingRequest(IReadOnlyList<string>? Ids, string? From, string? To, bool? Shared);

/// <summary>
/// What a sharing change did: of the records selected, how many are confirmed (only those can be shared), how many of
/// those changed now, and how many of them are shared after the change.
/// </summary>
public sealed record SharingResult(int Selected, int Confirmed, int Changed, int SharedNow);

/// <summary>How many of my confirmed records my manager can see: what the tab's header says.</summary>
public sealed record SharingState(bool? SharingDefault, int Confirmed, int Shared);

/// <summary>POST /api/me/records/sharing and GET /api/me/sharing: always the caller's own partition.</summary>
public static class SharingApi
{
    public const int MaxIds = 500;

    internal static async Task<Results<Ok<SharingResult>, ProblemHttpResult>> SetSharing(
        SharingRequest request, ClaimsPrincipal user, [AsParameters] MeServices s, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Shared is not { } shared)
        {
            return MeApi.BadRequest("'shared' must be true or false.");
        }
        var byIds = request.Ids is not null;
        var byPeriod = request.From is not null || request.To is not null;
        if (byIds == byPeriod)
        {
            return MeApi.BadRequest("Give either 'ids' or a period 'from'..'to' (ISO weeks), not both.");
        }
        var caller = Caller.From(user);
        IReadOnlyList<StoredRecord> selected;
        if (byIds)
        {
            if (request.Ids!.Count is 0 or > MaxIds || request.Ids.Any(id => id is not { Length: > 0 and <= 300 }))
            {
                return MeApi.BadRequest($"'ids' holds 1 to {MaxIds} record ids.");
            }
            var found = new List<StoredRecord>();
            foreach (var id in request.Ids.Distinct(StringComparer.Ordinal))
            {
                // Looked up in the caller's own partition only: an id of someone else's record finds nothing.
                if (await s.Activities.GetAsync(caller.TenantId, caller.UserId, id, cancellationToken) is not { } record)
                {
                    return MeApi.BadRequest("One of 'ids' is not one of your records; nothing was changed.");
                }
                found.Add(record);
            }
            selected = found;
        }
        else
        {
            if (request.From is null || request.To is null)
            {
                return MeApi.BadRequest("A period needs both 'from' and 'to' (ISO weeks).");
            }
            if (!WeekRange.TryParse(request.From, request.To, await s.Weeks.CurrentAsync(caller.TenantId, caller.UserId, cancellationToken), out var range, out var error))
            {
                return MeApi.BadRequest(error);
            }
            selected = await s.Activities.ListAsync(caller.TenantId, caller.UserId, range.From, range.To, cancellationToken);
        }
        var changed = await s.Activities.SetSharedAsync(selected, shared, cancellationToken);
        var confirmed = selected.Count(IsConfirmed);
        return TypedResults.Ok(new SharingResult(selected.Count, confirmed, changed, shared ? confirmed : 0));
    }

    internal static async Task<Ok<SharingState>> GetSharing(ClaimsPrincipal user, [AsParameters] MeServices s, CancellationToken cancellationToken)
    {
        var caller = Caller.From(user);
        var profile = await s.Users.GetAsync(caller.TenantId, caller.UserId, cancellationToken);
        var all = await s.Activities.ListAllAsync(caller.TenantId, caller.UserId, cancellationToken);
        var confirmed = all.Where(IsConfirmed).ToList();
        return TypedResults.Ok(new SharingState(profile?.SharingDefault, confirmed.Count, confirmed.Count(r => r.Record.Confirmation!.SharedWithManager)));
    }

    private static bool IsConfirmed(StoredRecord record) => record.Record is { Status: ActivityStatus.Confirmed, Confirmation: not null };
}
