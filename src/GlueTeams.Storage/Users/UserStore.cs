using Azure.Data.Tables;
using GlueTeams.Storage.Tables;
using GlueTeams.Core.Users;

namespace GlueTeams.Storage.Users;

/// <summary>User profiles, one partition per tenant so that a tenant's users can be listed for the weekly fan-out.</summary>
public sealed class UserStore(GlueTables tables)
{
    private readonly TableClient _table = tables.Users;

    public async Task<UserProfile?> GetAsync(string tenantId, string userId, CancellationToken cancellationToken = default)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Encode(tenantId), TableKeys.Encode(userId), cancellationToken: cancellationToken);
        return response.HasValue ? ToProfile(response.Value!) : null;
    }

    /// <summary>
    /// The profiles of many users of one tenant (those that exist), read together: one range query from the first to
    /// the last of them in the partition, which for neighbours (a batch of the weekly fan-out) reads just them. At most
    /// <see cref="MaxRangeRows"/> rows are read that way; whoever the range did not reach is read by a point read.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, UserProfile>> GetManyAsync(string tenantId, IEnumerable<string> userIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        var wanted = userIds.Distinct(StringComparer.Ordinal).ToDictionary(TableKeys.Encode, StringComparer.Ordinal);
        var found = new Dictionary<string, UserProfile>(StringComparer.Ordinal);
        if (wanted.Count == 0)
        {
            return found;
        }
        var keys = wanted.Keys.Order(StringComparer.Ordinal).ToList(); // keys are ASCII (TableKeys): ordinal is the table's order
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.Encode(tenantId)} and RowKey ge {keys[0]} and RowKey le {keys[^1]}");
        var (read, complete) = (0, false);
        await foreach (var page in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken).AsPages())
        {
            foreach (var entity in page.Values.Where(e => wanted.ContainsKey(e.RowKey)))
            {
                found[wanted[entity.RowKey]] = ToProfile(entity);
            }
            read += page.Values.Count;
            complete = page.ContinuationToken is null;
            if (complete || read >= MaxRangeRows)
            {
                break;
            }
        }
        if (!complete)
        {
            foreach (var userId in wanted.Values.Where(u => !found.ContainsKey(u)))
            {
                if (await GetAsync(tenantId, userId, cancellationToken) is { } profile)
                {
                    found[userId] = profile;
                }
            }
        }
        return found;
    }

    /// <summary>The most rows <see cref="GetManyAsync"/> reads with its range query before it reads the rest one by one.</summary>
    public const int MaxRangeRows = 2000;

    public async Task UpsertAsync(UserProfile profile, CancellationToken cancellationToken = default)
    {
        var entity = ToEntity(profile);
        TableLimits.CheckEntity(entity);
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Writes many profiles in transactions (one tenant is one partition): for imports and benchmarks.</summary>
    public async Task UpsertManyAsync(IEnumerable<UserProfile> profiles, CancellationToken cancellationToken = default)
    {
        var actions = profiles.Select(p => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(p)));
        foreach (var batch in TableLimits.Transactions(actions))
        {
            await _table.SubmitTransactionAsync(batch, cancellationToken);
        }
    }

    /// <summary>Every user of a tenant, page by page (a page is at most 1,000 rows).</summary>
    public async IAsyncEnumerable<UserProfile> ListAsync(string tenantId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var entity in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.Encode(tenantId)}"), cancellationToken: cancellationToken))
        {
            yield return ToProfile(entity);
        }
    }

    /// <summary>
    /// Notes on the profile that the user has confirmed something; a user without a profile (an add-in user who never
    /// installed the bot) is not synced, so there is nothing to note.
    /// </summary>
    public async Task MarkHasConfirmationsAsync(string tenantId, string userId, CancellationToken cancellationToken = default)
    {
        try
        {
            await _table.UpdateEntityAsync(new TableEntity(TableKeys.Encode(tenantId), TableKeys.Encode(userId)) { ["HasConfirmations"] = true },
                Azure.ETag.All, TableUpdateMode.Merge, cancellationToken);
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            // no profile: see above
        }
    }

    /// <summary>
    /// Notes that Teams refused the user's personal chat (403/404) for the conversation that was refused; a profile
    /// that is gone (erased) or that has moved to another chat since (a reinstall) is left alone.
    /// </summary>
    public async Task MarkUnreachableAsync(string tenantId, string userId, string conversationId, CancellationToken cancellationToken = default)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Encode(tenantId), TableKeys.Encode(userId), cancellationToken: cancellationToken);
        if (!response.HasValue || response.Value!.GetString("ConversationId") != conversationId)
        {
            return;
        }
        try
        {
            await _table.UpdateEntityAsync(new TableEntity(response.Value.PartitionKey, response.Value.RowKey) { ["Unreachable"] = true },
                response.Value.ETag, TableUpdateMode.Merge, cancellationToken);
        }
        catch (Azure.RequestFailedException e) when (e.Status is 404 or 412)
        {
            // erased or changed meanwhile: the next send re-reads it
        }
    }

    public async Task<bool> DeleteAsync(string tenantId, string userId, CancellationToken cancellationToken = default)
    {
        var response = await _table.DeleteEntityAsync(TableKeys.Encode(tenantId), TableKeys.Encode(userId), cancellationToken: cancellationToken);
        return response.Status != 404;
    }

    private static TableEntity ToEntity(UserProfile p) => new(TableKeys.Encode(p.TenantId), TableKeys.Encode(p.UserId))
    {
        ["Tenant"] = p.TenantId,
        ["User"] = p.UserId,
        ["DisplayName"] = p.DisplayName,
        ["TeamsUserId"] = p.TeamsUserId,
        ["Upn"] = p.UserPrincipalName,
        ["ManagerUpn"] = p.ManagerUserPrincipalName,
        ["TimeZone"] = p.TimeZoneId,
        ["OptedIn"] = p.OptedIn,
        ["Paused"] = p.Paused,
        ["Installed"] = p.Installed,
        ["CardDay"] = (int)p.CardDay,
        ["CardMinute"] = p.CardTime.Hour * 60 + p.CardTime.Minute,
        ["SharingDefault"] = p.SharingDefault,
        ["ServiceUrl"] = p.Conversation?.ServiceUrl.AbsoluteUri,
        ["ConversationId"] = p.Conversation?.ConversationId,
        ["BotId"] = p.Conversation?.BotId,
        ["CreatedAt"] = p.CreatedAt,
        ["HasConfirmations"] = p.HasConfirmations,
        ["Unreachable"] = p.Unreachable,
    };

    private static UserProfile ToProfile(TableEntity e)
    {
        var serviceUrl = e.GetString("ServiceUrl");
        var conversationId = e.GetString("ConversationId");
        var minute = e.GetInt32("CardMinute") ?? 15 * 60;
        return new UserProfile
        {
            TenantId = e.GetString("Tenant"),
            UserId = e.GetString("User"),
            DisplayName = e.GetString("DisplayName") ?? "",
            TeamsUserId = e.GetString("TeamsUserId"),
            UserPrincipalName = e.GetString("Upn"),
            ManagerUserPrincipalName = e.GetString("ManagerUpn"),
            TimeZoneId = e.GetString("TimeZone") ?? "UTC",
            OptedIn = e.GetBoolean("OptedIn") ?? true,
            Paused = e.GetBoolean("Paused") ?? false,
            Installed = e.GetBoolean("Installed") ?? true,
            CardDay = (DayOfWeek)(e.GetInt32("CardDay") ?? (int)DayOfWeek.Friday),
            CardTime = new TimeOnly(minute / 60, minute % 60),
            SharingDefault = e.GetBoolean("SharingDefault"),
            Conversation = serviceUrl is null || conversationId is null
                ? null
                : new ConversationReference(new Uri(serviceUrl), conversationId, e.GetString("BotId") ?? ""),
            CreatedAt = e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
            HasConfirmations = e.GetBoolean("HasConfirmations") ?? false,
            Unreachable = e.GetBoolean("Unreachable") ?? false,
        };
    }
}
