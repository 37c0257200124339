using GlueTeams.Simulator.Org;
using GlueTeams.Storage.Users;

namespace GlueTeams.Testing;

/// <summary>Profiles for simulated engineers, as the bot would store them on install.</summary>
public static class SimulatedProfiles
{
    public static UserProfile For(SimulatedOrg org, SimulatedUser user, bool? sharingDefault = true)
    {
        ArgumentNullException.ThrowIfNull(org);
        ArgumentNullException.ThrowIfNull(user);
        return new UserProfile
        {
            TenantId = SimulatedOrg.TenantId,
            UserId = user.Id,
            DisplayName = user.DisplayName,
            UserPrincipalName = user.Mail,
            ManagerUserPrincipalName = user.ManagerId is { } manager ? org.Get(manager).Mail : null,
            TimeZoneId = user.TimeZone,
            SharingDefault = sharingDefault,
        };
    }
}
