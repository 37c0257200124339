using GlueTeams.Simulator.Org;
using GlueTeams.Storage.Users;

namespace GlueTeams.Testing;

/// <summary>Profiles for simulated engineers, as the bot would store them on install.</summary>
public static class SimulatedProfiles
{
    /// <param name="tenantId">The simulated tenant the org is (the first by default).</param>
    public static UserProfile For(SimulatedOrg org, SimulatedUser user, bool? sharingDefault = true, string tenantId = SimulatedOrg.TenantId)
    {
        ArgumentNullException.ThrowIfNull(org);
        ArgumentNullException.ThrowIfNull(user);
        return new UserProfile
        {
            TenantId = tenantId,
            UserId = user.Id,
            DisplayName = user.DisplayName,
            UserPrincipalName = user.Mail,
            ManagerUserPrincipalName = user.ManagerId is { } manager ? org.Get(manager).Mail : null,
            TimeZoneId = user.TimeZone,
            SharingDefault = sharingDefault,
        };
    }
}
