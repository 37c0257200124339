namespace GlueTeams.Simulator;

/// <summary>The simulated tenant's shape and initial faults; configuration section "Simulator".</summary>
public sealed class SimulatorOptions
{
    public int Seed { get; set; } = 42;
    public int Users { get; set; } = 150;
    /// <summary>People in the second tenant (<see cref="Org.SimulatedOrg.SecondTenantId"/>), a separate organisation.</summary>
    public int SecondTenantUsers { get; set; } = 20;
    /// <summary>Engineers per manager: a random size in MinTeamSize..MaxTeamSize.</summary>
    public int MinTeamSize { get; set; } = 5;
    public int MaxTeamSize { get; set; } = 8;
    /// <summary>Events per calendarView page when the client does not say (Graph's default is 10).</summary>
    public int PageSize { get; set; } = 10;
    public TimeSpan Latency { get; set; }
    public double ThrottleShare { get; set; }
    public double UnavailableShare { get; set; }
    public int RetryAfterSeconds { get; set; } = 1;
    public int MailboxConcurrencyLimit { get; set; } = 4;
    /// <summary>Audience of the user tokens minted by the development issuer.</summary>
    public string ApiAudience { get; set; } = "api://glueteams-dev";
}
