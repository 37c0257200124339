using GlueTeams.Graph.Calendars;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;

namespace GlueTeams.Graph.Directory;

/// <summary>A person in the directory.</summary>
public sealed record DirectoryPerson(string Id, string? DisplayName, string? Mail, string? JobTitle);

/// <summary>The org facts GlueTeams needs: a person's manager, direct reports, and mailbox time zone.</summary>
public sealed class DirectoryReader(GraphServiceClient client)
{
    /// <summary>The person, or null when the directory does not know them (Graph answers 404).</summary>
    public async Task<DirectoryPerson?> GetPersonAsync(string userId, CancellationToken cancellationToken = default)
    {
        try
        {
            var user = await client.Users[userId].GetAsync(c => c.QueryParameters.Select = ["id", "displayName", "mail", "userPrincipalName", "jobTitle"], cancellationToken);
            return user is null ? null : Person(user) with { Mail = user.Mail ?? user.UserPrincipalName };
        }
        catch (ODataError e) when (e.ResponseStatusCode == 404)
        {
            return null;
        }
    }

    /// <summary>
    /// The team a colleague is in, for counting "people reached" by team: "manager:{id}" (their manager in the
    /// directory), else "department:{name}", else null (a guest, or nobody the directory knows). One request:
    /// <c>GET /users/{address}?$select=id,department&amp;$expand=manager($select=id)</c>.
    /// </summary>
    public async Task<string?> GetTeamAsync(string address, CancellationToken cancellationToken = default)
    {
        try
        {
            var user = await client.Users[address].GetAsync(c =>
            {
                c.QueryParameters.Select = ["id", "department"];
                c.QueryParameters.Expand = ["manager($select=id)"];
            }, cancellationToken);
            return user?.Manager?.Id is { Length: > 0 } manager ? "manager:" + manager
                : user?.Department is { Length: > 0 } department ? "department:" + department
                : null;
        }
        catch (ODataError e) when (e.ResponseStatusCode == 404)
        {
            return null;
        }
    }

    /// <summary>The manager, or null for someone without one (Graph answers 404).</summary>
    public async Task<DirectoryPerson?> GetManagerAsync(string userId, CancellationToken cancellationToken = default)
    {
        try
        {
            return await client.Users[userId].Manager.GetAsync(cancellationToken: cancellationToken) is User manager ? Person(manager) : null;
        }
        catch (ODataError e) when (e.ResponseStatusCode == 404)
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<DirectoryPerson>> GetDirectReportsAsync(string userId, CancellationToken cancellationToken = default)
    {
        var reports = new List<DirectoryPerson>();
        var first = await client.Users[userId].DirectReports.GetAsync(cancellationToken: cancellationToken);
        if (first is null)
        {
            return reports;
        }
        var pages = PageIterator<DirectoryObject, DirectoryObjectCollectionResponse>.CreatePageIterator(client, first, o =>
        {
            if (o is User user)
            {
                reports.Add(Person(user));
            }
            return true;
        });
        await pages.IterateAsync(cancellationToken);
        return reports;
    }

    /// <summary>The mailbox's time zone (Graph gives a Windows or an IANA id; both resolve here), UTC when unset.</summary>
    public async Task<TimeZoneInfo> GetTimeZoneAsync(string userId, CancellationToken cancellationToken = default)
    {
        var settings = await client.Users[userId].MailboxSettings.GetAsync(cancellationToken: cancellationToken);
        return settings?.TimeZone is { Length: > 0 } id && TimeZones.Find(id) is { } zone ? zone : TimeZoneInfo.Utc;
    }

    private static DirectoryPerson Person(User user) => new(user.Id ?? "", user.DisplayName, user.Mail, user.JobTitle);
}
