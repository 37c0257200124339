using GlueTeams.App.Tenants;
using GlueTeams.Storage.Users;

namespace GlueTeams.App.Users;

/// <summary>
/// What the suggestions need from the org, read from Graph: the user's own address (to tell a 1:1), the manager's (a
/// 1:1 with them is not glue) and, when nobody told us, the mailbox time zone. Graph being unreachable never blocks the
/// caller: the profile comes back as it was, and suggestions start without org context.
/// </summary>
public sealed class DirectoryProfiles(ILogger<DirectoryProfiles> logger, TenantAccess tenants)
{
    public async Task<UserProfile> CompleteAsync(UserProfile profile, bool needsTimeZone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        try
        {
            if (await tenants.GraphAsync(profile.TenantId, cancellationToken) is not { Directory: var directory })
            {
                return profile;
            }
            var person = await directory.GetPersonAsync(profile.UserId, cancellationToken);
            var manager = await directory.GetManagerAsync(profile.UserId, cancellationToken);
            var zone = needsTimeZone ? (await directory.GetTimeZoneAsync(profile.UserId, cancellationToken)).Id : profile.TimeZoneId;
            return profile with
            {
                DisplayName = profile.DisplayName is { Length: > 0 } ? profile.DisplayName : person?.DisplayName ?? "",
                UserPrincipalName = person?.Mail ?? profile.UserPrincipalName,
                ManagerUserPrincipalName = manager?.Mail ?? profile.ManagerUserPrincipalName,
                TimeZoneId = zone,
            };
        }
        catch (Exception e) when (e is HttpRequestException or Microsoft.Kiota.Abstractions.ApiException)
        {
            logger.LogWarning(e, "Reading the user's directory entry failed; suggestions start without org context.");
            return profile;
        }
    }
}
