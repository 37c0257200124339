using GlueTeams.Simulator.Calendars;
using GlueTeams.Simulator.Faults;
using GlueTeams.Simulator.Org;
using GlueTeams.Simulator.Subscriptions;

namespace GlueTeams.Simulator;

/// <summary>The simulated Microsoft 365 tenant behind the HTTP surface: people, calendars, faults, counters, subscriptions.</summary>
public sealed class SimulatedTenant : IAsyncDisposable
{
    public SimulatedTenant(SimulatorOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        Time = time ?? TimeProvider.System;
        Org = SimulatedOrg.Generate(options.Seed, options.Users, options.MinTeamSize, options.MaxTeamSize);
        Calendars = new SimulatedCalendars(Org);
        Faults = new SimulatorFaults(options.Seed)
        {
            Latency = options.Latency,
            ThrottleShare = options.ThrottleShare,
            UnavailableShare = options.UnavailableShare,
            RetryAfterSeconds = options.RetryAfterSeconds,
            MailboxConcurrencyLimit = options.MailboxConcurrencyLimit,
        };
        Subscriptions = new SimulatedSubscriptions(Org, Calendars, Time);
        Drives = new Files.SimulatedDrives(options.Seed);
    }

    public SimulatorOptions Options { get; }
    public TimeProvider Time { get; }
    public SimulatedOrg Org { get; }
    public SimulatedCalendars Calendars { get; }
    public SimulatorFaults Faults { get; }
    public SimulatorCounters Counters { get; } = new();
    public SimulatedSubscriptions Subscriptions { get; }
    /// <summary>SharePoint and OneDrive files for item analytics (artifact reach).</summary>
    public Files.SimulatedDrives Drives { get; }
    internal MailboxGate Gate { get; } = new();

    public ValueTask DisposeAsync() => Subscriptions.DisposeAsync();
}
