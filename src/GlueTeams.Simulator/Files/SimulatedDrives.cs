using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using GlueTeams.Simulator.Api;
using GlueTeams.Simulator.Org;

namespace GlueTeams.Simulator.Files;

/// <summary>
/// SharePoint and OneDrive for Business files as Graph's /shares and item analytics see them: any https link on
/// *.sharepoint.com is a file with a stable drive and item id, and all-time analytics that are the same for the same link
/// in every run (<see cref="ReachOf"/>, the ground truth for tests). <see cref="Denied"/> answers 403 as Graph does when
/// the organisation has not granted the application permission files need.
/// </summary>
public sealed class SimulatedDrives(int seed)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Uri> _items = new(StringComparer.Ordinal);

    public bool Denied { get; set; }

    /// <summary>The views and distinct viewers the simulated analytics report for a link.</summary>
    public (int Views, int Viewers) ReachOf(Uri link)
    {
        ArgumentNullException.ThrowIfNull(link);
        var h = StableRandom.Mix(seed, StableRandom.Of(link.AbsoluteUri));
        var viewers = 1 + (int)(h % 40);
        return (viewers + (int)((h >> 16) % 150), viewers);
    }

    /// <summary>GET /shares/{u!…}/driveItem.</summary>
    public GraphResponse DriveItem(string shareId)
    {
        if (Denied)
        {
            return AccessDenied();
        }
        if (Decode(shareId) is not { } link || !link.Host.EndsWith(".sharepoint.com", StringComparison.OrdinalIgnoreCase))
        {
            return GraphResponse.Error(404, "itemNotFound", "The sharing link no longer exists, or you do not have permission to access it.");
        }
        var itemId = "01" + StableRandom.Of(link.AbsoluteUri).ToString("X16", CultureInfo.InvariantCulture);
        _items[itemId] = link;
        return new GraphResponse(200, new JsonObject
        {
            ["id"] = itemId,
            ["name"] = Uri.UnescapeDataString(link.Segments[^1]),
            ["webUrl"] = link.AbsoluteUri,
            ["parentReference"] = new JsonObject { ["driveId"] = "b!" + StableRandom.Of(link.Host).ToString("x16", CultureInfo.InvariantCulture), ["driveType"] = "documentLibrary" },
        });
    }

    /// <summary>GET /drives/{drive}/items/{item}/analytics/allTime, for an item /shares resolved.</summary>
    public GraphResponse AllTime(string itemId)
    {
        if (Denied)
        {
            return AccessDenied();
        }
        if (!_items.TryGetValue(itemId, out var link))
        {
            return GraphResponse.Error(404, "itemNotFound", "The resource could not be found.");
        }
        var (views, viewers) = ReachOf(link);
        return new GraphResponse(200, new JsonObject
        {
            ["@odata.type"] = "#microsoft.graph.itemActivityStat",
            ["incompleteData"] = new JsonObject { ["wasThrottled"] = false, ["missingDataBeforeDateTime"] = null },
            ["access"] = new JsonObject { ["actionCount"] = views, ["actorCount"] = viewers },
        });
    }

    private static GraphResponse AccessDenied() => GraphResponse.Error(403, "accessDenied", "Either scp or roles claim need to be present in the token.");

    private static Uri? Decode(string shareId)
    {
        if (!shareId.StartsWith("u!", StringComparison.Ordinal))
        {
            return null;
        }
        var base64 = shareId[2..].Replace('_', '/').Replace('-', '+');
        base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
        try
        {
            return Uri.TryCreate(Encoding.UTF8.GetString(Convert.FromBase64String(base64)), UriKind.Absolute, out var link) ? link : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
