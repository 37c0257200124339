using System.Collections.Concurrent;
using GlueTeams.Core.Records;
using GlueTeams.Core.Suggestions;
using GlueTeams.Storage.Suggestions;
using GlueTeams.Storage.Users;

namespace GlueTeams.App.Suggestions;

/// <summary>
/// Each tenant's model of confirmed titles (<see cref="TenantModel"/>, used by the engine only where its rules are
/// unsure): read from Table Storage and kept for <see cref="CacheFor"/>, and taught one confirmation at a time. Only
/// calendar titles that are not private teach it; logged work (a message's text) never does. Learning is advisory: a
/// storage failure is logged and never fails the confirmation that caused it.
/// </summary>
public sealed partial class TenantModels(TenantModelStore store, ErasureTombstones tombstones, TimeProvider time, ILogger<TenantModels> logger)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, (TenantModel Model, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);

    public async Task<TenantModel> GetAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(tenantId, out var cached) && cached.Until > now)
        {
            return cached.Model;
        }
        try
        {
            var model = TenantModel.FromCounts(await store.LoadAsync(tenantId, cancellationToken));
            _cache[tenantId] = (model, now + CacheFor);
            return model;
        }
        catch (Azure.RequestFailedException e)
        {
            LogLoadFailed(logger, e.Status);
            return cached.Model ?? TenantModel.Empty;
        }
    }

    /// <summary>
    /// Teaches the model what changed: a confirmation adds its title to its category; a changed or undone one takes it
    /// back from the category it had. Pairs of the same record, before and after the write.
    /// </summary>
    public async Task LearnAsync(IEnumerable<(ActivityRecord Before, ActivityRecord After)> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var user in changes.GroupBy(c => (c.After.TenantId, c.After.UserId)))
        {
            var deltas = user.SelectMany(c => Delta(c.Before, -1).Concat(Delta(c.After, 1)))
                .GroupBy(d => d.CategoryId, StringComparer.Ordinal)
                .Select(g => g.Aggregate((a, b) => a.Plus(b)))
                .Where(d => d.Documents != 0 || d.Features.Count > 0)
                .ToList();
            if (deltas.Count == 0)
            {
                continue;
            }
            var (tenantId, userId) = user.Key;
            try
            {
                if (await tombstones.IsErasedAsync(tenantId, userId, cancellationToken))
                {
                    continue;
                }
                foreach (var delta in deltas)
                {
                    await store.AddAsync(tenantId, userId, delta, cancellationToken);
                }
                if (await tombstones.IsErasedAsync(tenantId, userId, cancellationToken))
                {
                    await store.ForgetUserAsync(tenantId, userId, cancellationToken); // the erasure ran meanwhile: take it back out
                }
            }
            catch (Azure.RequestFailedException e)
            {
                LogLearnFailed(logger, e.Status);
            }
        }
    }

    /// <summary>What one record teaches: its confirmed category and title, or nothing (not confirmed, private, logged work).</summary>
    private static IEnumerable<CategoryCounts> Delta(ActivityRecord record, int sign) =>
        record is { Status: ActivityStatus.Confirmed, Confirmation: { } confirmation, IsRedacted: false, IsLogged: false } && record.Title.Length > 0
            ? [CategoryCounts.Of(confirmation.CategoryId, record.Title, sign)]
            : [];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading a tenant model failed ({Status}); suggestions go on without it.")]
    private static partial void LogLoadFailed(ILogger logger, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teaching the tenant model a confirmation failed ({Status}); the confirmation stands.")]
    private static partial void LogLearnFailed(ILogger logger, int status);
}
