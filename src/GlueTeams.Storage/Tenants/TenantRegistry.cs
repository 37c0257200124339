using System.Buffers.Text;
using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using GlueTeams.Storage.Tables;

namespace GlueTeams.Storage.Tenants;

public enum TenantStatus
{
    /// <summary>An admin consented: the tenant is served.</summary>
    Active,
    /// <summary>Its admin asked to leave: nothing is served, its data is being erased.</summary>
    Offboarding,
}

/// <summary>A tenant that a multi-tenant deployment serves: when its admin consented and who (a directory id, never a name).</summary>
public sealed record TenantRegistration(string TenantId, TenantStatus Status, DateTimeOffset ConsentedAt, string? ConsentedBy, DateTimeOffset UpdatedAt);

/// <summary>A state taken back: the round trip it belongs to names a tenant when it was started for one.</summary>
public sealed record ConsentState(string? TenantId);

/// <summary>
/// The tenants a multi-tenant deployment serves, in one small partition of the Tenants table, and the single-use
/// states of admin-consent round trips in another (a state is stored when the round trip starts and deleted when it
/// comes back, so a state works once, and only within <see cref="ConsentStateLifetime"/>).
/// </summary>
public sealed class TenantRegistry(GlueTables tables, TimeProvider time)
{
    public static readonly TimeSpan ConsentStateLifetime = TimeSpan.FromHours(1);
    private const string RegistrationPartition = "registration";
    private const string StatePartition = "consent-state";
    private const int StateBytes = 32;

    private readonly TableClient _table = tables.Tenants;

    public async Task<TenantRegistration?> GetAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        var found = await _table.GetEntityIfExistsAsync<TableEntity>(RegistrationPartition, TableKeys.Encode(tenantId), cancellationToken: cancellationToken);
        return found.HasValue ? ToRegistration(found.Value!) : null;
    }

    public async Task<IReadOnlyList<TenantRegistration>> ListAsync(CancellationToken cancellationToken = default)
    {
        var all = new List<TenantRegistration>();
        await foreach (var entity in _table.QueryAsync<TableEntity>($"PartitionKey eq '{RegistrationPartition}'", cancellationToken: cancellationToken))
        {
            all.Add(ToRegistration(entity));
        }
        return all;
    }

    /// <summary>Records the tenant as served (a consent, or a consent again after offboarding).</summary>
    public async Task<TenantRegistration> RegisterAsync(string tenantId, string? consentedBy, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var registration = new TenantRegistration(tenantId, TenantStatus.Active, now, consentedBy, now);
        await _table.UpsertEntityAsync(ToEntity(registration), TableUpdateMode.Replace, cancellationToken);
        return registration;
    }

    /// <summary>Records who consented (their directory object id, never a name) for a tenant that is served.</summary>
    public async Task SetConsentedByAsync(string tenantId, string userId, CancellationToken cancellationToken = default)
    {
        if (await GetAsync(tenantId, cancellationToken) is { Status: TenantStatus.Active } current)
        {
            await _table.UpsertEntityAsync(ToEntity(current with { ConsentedBy = userId, UpdatedAt = time.GetUtcNow() }), TableUpdateMode.Replace, cancellationToken);
        }
    }

    /// <summary>Stops serving the tenant while its data is erased (kept, so that an interrupted offboarding can be run again).</summary>
    public async Task MarkOffboardingAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        var current = await GetAsync(tenantId, cancellationToken);
        var now = time.GetUtcNow();
        var registration = (current ?? new TenantRegistration(tenantId, TenantStatus.Offboarding, now, null, now)) with { Status = TenantStatus.Offboarding, UpdatedAt = now };
        await _table.UpsertEntityAsync(ToEntity(registration), TableUpdateMode.Replace, cancellationToken);
    }

    public async Task RemoveAsync(string tenantId, CancellationToken cancellationToken = default) =>
        await _table.DeleteEntityAsync(RegistrationPartition, TableKeys.Encode(tenantId), ETag.All, cancellationToken);

    /// <summary>A new random state for one admin-consent round trip, stored until it comes back; <paramref name="tenantId"/> when it is for one tenant.</summary>
    public async Task<string> NewConsentStateAsync(string? tenantId = null, CancellationToken cancellationToken = default)
    {
        var state = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(StateBytes));
        await _table.AddEntityAsync(new TableEntity(StatePartition, state) { ["CreatedAt"] = time.GetUtcNow(), ["Tenant"] = tenantId }, cancellationToken);
        return state;
    }

    /// <summary>
    /// Takes the state back: once, for a state this registry issued less than <see cref="ConsentStateLifetime"/> ago;
    /// null for anything else (unknown, used, expired, malformed). A taken state is gone.
    /// </summary>
    public async Task<ConsentState?> TakeConsentStateAsync(string? state, CancellationToken cancellationToken = default)
    {
        if (state is null || state.Length != Base64Url.GetEncodedLength(StateBytes) || !Base64Url.IsValid(state))
        {
            return null;
        }
        var found = await _table.GetEntityIfExistsAsync<TableEntity>(StatePartition, state, cancellationToken: cancellationToken);
        if (!found.HasValue)
        {
            return null;
        }
        try
        {
            await _table.DeleteEntityAsync(StatePartition, state, found.Value!.ETag, cancellationToken); // one taker only
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return null;
        }
        return found.Value.GetDateTimeOffset("CreatedAt") is { } created && time.GetUtcNow() - created <= ConsentStateLifetime
            ? new ConsentState(found.Value.GetString("Tenant"))
            : null;
    }

    /// <summary>Removes states that never came back (the retention run); returns how many.</summary>
    public async Task<int> PurgeConsentStatesAsync(CancellationToken cancellationToken = default)
    {
        var cutoff = time.GetUtcNow() - ConsentStateLifetime;
        var stale = new List<TableEntity>();
        await foreach (var entity in _table.QueryAsync<TableEntity>($"PartitionKey eq '{StatePartition}'", select: ["RowKey", "CreatedAt"], cancellationToken: cancellationToken))
        {
            if (entity.GetDateTimeOffset("CreatedAt") is not { } created || created < cutoff)
            {
                stale.Add(new TableEntity(StatePartition, entity.RowKey));
            }
        }
        await TableDeletes.DeleteRowsAsync(_table, stale, cancellationToken);
        return stale.Count;
    }

    private static TableEntity ToEntity(TenantRegistration r) => new(RegistrationPartition, TableKeys.Encode(r.TenantId))
    {
        ["TenantId"] = r.TenantId,
        ["Status"] = r.Status.ToString(),
        ["ConsentedAt"] = r.ConsentedAt,
        ["ConsentedBy"] = r.ConsentedBy,
        ["UpdatedAt"] = r.UpdatedAt,
    };

    private static TenantRegistration ToRegistration(TableEntity e) => new(
        e.GetString("TenantId"),
        Enum.TryParse<TenantStatus>(e.GetString("Status"), out var status) ? status : TenantStatus.Offboarding,
        e.GetDateTimeOffset("ConsentedAt") ?? default,
        e.GetString("ConsentedBy"),
        e.GetDateTimeOffset("UpdatedAt") ?? default);
}
