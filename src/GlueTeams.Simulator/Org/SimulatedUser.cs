namespace GlueTeams.Simulator.Org;

public enum OrgRole
{
    Engineer,
    Manager,
    Director,
}

/// <summary>A person in the simulated tenant. <see cref="TimeZone"/> is an IANA id; <see cref="MailboxTimeZone"/> is what Graph's mailboxSettings says (often a Windows id).</summary>
public sealed record SimulatedUser
{
    public required int Index { get; init; }
    public required string Id { get; init; }
    public required string DisplayName { get; init; }
    public required string GivenName { get; init; }
    public required string Mail { get; init; }
    public required string JobTitle { get; init; }
    public required string Department { get; init; }
    public required OrgRole Role { get; init; }
    public required int Team { get; init; }
    public required string TimeZone { get; init; }
    public required string MailboxTimeZone { get; init; }
    public required bool IsSenior { get; init; }
    /// <summary>Joined recently: gets onboarding sessions and a buddy.</summary>
    public required bool IsNewHire { get; init; }
    public string? ManagerId { get; init; }
    public IReadOnlyList<string> DirectReportIds { get; init; } = [];
}
