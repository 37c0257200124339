using System.Globalization;
using GlueTeams.App.Extensions;
using GlueTeams.Storage.Leases;
using GlueTeams.Storage.Retention;

namespace GlueTeams.App.Retention;

/// <summary>Retention in days, the defaults of PRODUCT.md.</summary>
public sealed record RetentionDays
{
    public int UnconfirmedDays { get; init; } = 90;
    public int ConfirmedDays { get; init; } = 730;
    public int ClaimDays { get; init; } = 7;

    public RetentionPolicy ToPolicy() => new(TimeSpan.FromDays(UnconfirmedDays), TimeSpan.FromDays(ConfirmedDays), TimeSpan.FromDays(ClaimDays));

    /// <summary>Null when every value is in range (1 day to 10 years), else what is wrong.</summary>
    public string? Problem(string where) =>
        new[] { (UnconfirmedDays, "UnconfirmedDays"), (ClaimDays, "ClaimDays"), (ConfirmedDays, "ConfirmedDays") }
            .Where(v => v.Item1 is < 1 or > 3650)
            .Select(v => string.Create(CultureInfo.InvariantCulture, $"{where}:{v.Item2} must be 1 to 3650 days, not {v.Item1}."))
            .FirstOrDefault();
}

/// <summary>
/// The "Retention" section: the default policy (<c>Retention:UnconfirmedDays</c>, <c>ConfirmedDays</c>, <c>ClaimDays</c>),
/// per-tenant overrides under <c>Retention:Tenants:{tenant id}</c>, and whether this instance runs the daily job
/// (<c>Retention:RunJob</c>, default true; the lease keeps it to one instance). Bound and checked at start like every section.
/// </summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";
    private static readonly RetentionDays s_defaults = new();

    public int UnconfirmedDays { get; set; } = s_defaults.UnconfirmedDays;
    public int ConfirmedDays { get; set; } = s_defaults.ConfirmedDays;
    public int ClaimDays { get; set; } = s_defaults.ClaimDays;
    public Dictionary<string, RetentionDays> Tenants { get; init; } = new(StringComparer.OrdinalIgnoreCase);
    public bool RunJob { get; set; } = true;

    public RetentionDays Default => new() { UnconfirmedDays = UnconfirmedDays, ConfirmedDays = ConfirmedDays, ClaimDays = ClaimDays };

    /// <summary>The tenant's own policy (its id in any case), else the default.</summary>
    public RetentionPolicy For(string tenantId) =>
        (Tenants.FirstOrDefault(t => string.Equals(t.Key, tenantId, StringComparison.OrdinalIgnoreCase)).Value ?? Default).ToPolicy();

    /// <summary>What is wrong with these settings, one sentence naming the setting each.</summary>
    public IEnumerable<string> Problems() =>
        new[] { Default.Problem(Section) }.Concat(Tenants.Select(t => t.Value.Problem($"{Section}:Tenants:{t.Key}"))).OfType<string>();
}

/// <summary>One tenant's outcome of a purge run.</summary>
public sealed record TenantPurge(string TenantId, PurgeCounts Counts);

/// <summary>Applies each tenant's retention policy to every tenant that has data; the daily job and the purge command both run this.</summary>
public sealed partial class RetentionRun(RetentionPurge purge, RetentionOptions options, ILogger<RetentionRun> logger)
{
    public async Task<IReadOnlyList<TenantPurge>> RunAsync(bool dryRun, string? onlyTenant = null, CancellationToken cancellationToken = default)
    {
        var tenants = onlyTenant is null ? await purge.ListTenantsAsync(cancellationToken) : [onlyTenant];
        var results = new List<TenantPurge>();
        foreach (var tenant in tenants)
        {
            var counts = await purge.PurgeTenantAsync(tenant, options.For(tenant), dryRun, cancellationToken);
            LogPurged(logger, dryRun ? "would remove" : "removed", counts.UnconfirmedRemoved, counts.ConfirmedRemoved, counts.ClaimsRemoved, counts.OrphanRows, counts.Users);
            results.Add(new TenantPurge(tenant, counts));
        }
        return results;
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Retention purge of a tenant {Verb} {Unconfirmed} unconfirmed records, {Confirmed} confirmed records, {Claims} claims, {Orphans} orphaned rows, over {Users} users")]
    private static partial void LogPurged(ILogger logger, string verb, int unconfirmed, int confirmed, int claims, int orphans, int users);
}

/// <summary>
/// Runs <see cref="RetentionRun"/> once a day, on one instance at a time (<see cref="LeasedJob"/>). The same run finishes
/// interrupted tenant offboardings and forgets admin-consent states that never came back.
/// </summary>
/// <param name="offboarding">Tenant offboarding, to finish interrupted ones (the app always has it; unit tests of retention alone do not).</param>
/// <param name="registry">The tenant registry, whose stale admin-consent states are removed.</param>
public sealed class RetentionJob(RetentionRun run, JobLease leases, TimeProvider time, ILogger<RetentionJob> logger,
    GlueTeams.App.Tenants.TenantErasure? offboarding = null, GlueTeams.Storage.Tenants.TenantRegistry? registry = null)
    : LeasedJob(leases, time, logger, LeaseName, TimeSpan.FromDays(1))
{
    public const string LeaseName = "retention";

    protected override async Task RunAsync(CancellationToken cancellationToken)
    {
        if (offboarding is not null)
        {
            await offboarding.FinishInterruptedAsync(cancellationToken);
        }
        await run.RunAsync(dryRun: false, cancellationToken: cancellationToken);
        if (registry is not null)
        {
            await registry.PurgeConsentStatesAsync(cancellationToken);
        }
    }
}
