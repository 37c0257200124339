using GlueTeams.Simulator.Calendars;
using GlueTeams.Simulator.Faults;
using GlueTeams.Simulator.Org;
using GlueTeams.Simulator.Subscriptions;

namespace GlueTeams.Simulator;

/// <summary>A simulated Microsoft 365 tenant behind the HTTP surface: people, calendars, faults, counters, subscriptions.</summary>
public sealed class SimulatedTenant : IAsyncDisposable
{
    /// <param name="tenantId">The directory id; Graph serves a request from the tenant its token names.</param>
    public SimulatedTenant(SimulatorOptions options, TimeProvider? time = null, string tenantId = SimulatedOrg.TenantId)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        TenantId = tenantId;
        Time = time ?? TimeProvider.System;
        var first = tenantId == SimulatedOrg.TenantId;
        Org = SimulatedOrg.Generate(first ? options.Seed : options.Seed + 1, first ? options.Users : options.SecondTenantUsers, options.MinTeamSize, options.MaxTeamSize, fixedDemoUser: first);
        Calendars = new SimulatedCalendars(Org);
        Faults = new SimulatorFaults(options.Seed)
        {
            Latency = options.Latency,
            ThrottleShare = options.ThrottleShare,
            UnavailableShare = options.UnavailableShare,
            RetryAfterSeconds = options.RetryAfterSeconds,
            MailboxConcurrencyLimit = options.MailboxConcurrencyLimit,
        };
        Subscriptions = new SimulatedSubscriptions(Org, Calendars, Time, tenantId);
        Drives = new Files.SimulatedDrives(options.Seed);
    }

    public string TenantId { get; }
    /// <summary>
    /// Whether an admin of this tenant granted the app's permissions: only then does the token endpoint issue app-only
    /// tokens for it (as Entra ID issues none for a tenant without the app's service principal).
    /// </summary>
    public bool Consented { get; set; } = true;
    public SimulatorOptions Options { get; }
    public TimeProvider Time { get; }
    public SimulatedOrg Org { get; }
    /// <summary>Who signs in on the simulated Entra pages of this tenant (admin consent, sign-in): its first director.</summary>
    public SimulatedUser Admin => Org.Users.First(u => u.Role == OrgRole.Director);
    public SimulatedCalendars Calendars { get; }
    public SimulatorFaults Faults { get; }
    public SimulatorCounters Counters { get; } = new();
    public SimulatedSubscriptions Subscriptions { get; }
    /// <summary>SharePoint and OneDrive files for item analytics (artifact reach).</summary>
    public Files.SimulatedDrives Drives { get; }
    internal MailboxGate Gate { get; } = new();

    public ValueTask DisposeAsync() => Subscriptions.DisposeAsync();
}
