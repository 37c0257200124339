using System.Text;
using Microsoft.Graph;
using Microsoft.Graph.Models.ODataErrors;

namespace GlueTeams.Graph.Files;

/// <summary>What Graph's item analytics said about a link: its all-time views and distinct viewers, or why not.</summary>
public abstract record ItemAnalytics
{
    public sealed record Known(int Views, int Viewers) : ItemAnalytics;

    /// <summary>Graph answered 403: the organisation has not granted the application permission files need.</summary>
    public sealed record Denied : ItemAnalytics;

    /// <summary>Graph does not know the item (404: deleted, moved, or a link it cannot resolve).</summary>
    public sealed record NotFound : ItemAnalytics;
}

/// <summary>
/// Views and distinct viewers of a SharePoint or OneDrive for Business file, all time: the link becomes a drive item
/// through <c>GET /shares/{u!base64url(link)}/driveItem</c>, then <c>GET /drives/{drive}/items/{item}/analytics/allTime</c>
/// gives <c>access.actionCount</c> (views) and <c>access.actorCount</c> (distinct viewers). Item analytics exist only
/// on SharePoint and OneDrive for Business, so only links on <c>*.sharepoint.com</c> are asked about.
/// </summary>
public sealed class ItemAnalyticsReader(GraphServiceClient client)
{
    public static bool IsDriveLink(Uri link)
    {
        ArgumentNullException.ThrowIfNull(link);
        return link.Scheme == Uri.UriSchemeHttps && link.Host.EndsWith(".sharepoint.com", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A sharing URL as Graph's /shares takes it: "u!" and the unpadded base64url of the URL.</summary>
    public static string ShareId(Uri link)
    {
        ArgumentNullException.ThrowIfNull(link);
        return "u!" + Convert.ToBase64String(Encoding.UTF8.GetBytes(link.AbsoluteUri)).TrimEnd('=').Replace('/', '_').Replace('+', '-');
    }

    public async Task<ItemAnalytics> ReadAsync(Uri link, CancellationToken cancellationToken = default)
    {
        try
        {
            var item = await client.Shares[ShareId(link)].DriveItem.GetAsync(c => c.QueryParameters.Select = ["id", "parentReference"], cancellationToken);
            if (item?.Id is not { } itemId || item.ParentReference?.DriveId is not { } driveId)
            {
                return new ItemAnalytics.NotFound();
            }
            var stats = await client.Drives[driveId].Items[itemId].Analytics.AllTime.GetAsync(cancellationToken: cancellationToken);
            return new ItemAnalytics.Known(stats?.Access?.ActionCount ?? 0, stats?.Access?.ActorCount ?? 0);
        }
        catch (ODataError e) when (e.ResponseStatusCode == 403)
        {
            return new ItemAnalytics.Denied();
        }
        catch (ODataError e) when (e.ResponseStatusCode is 404 or 400)
        {
            return new ItemAnalytics.NotFound();
        }
    }
}
