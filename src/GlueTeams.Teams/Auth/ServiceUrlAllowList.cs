using GlueTeams.Core.Net;

namespace GlueTeams.Teams.Auth;

/// <summary>
/// The connector hosts we may call. A serviceUrl comes from an activity, so it is untrusted: outbound requests (and the
/// token that goes with them) are only made to these hosts.
/// </summary>
public sealed class ServiceUrlAllowList
{
    public static IReadOnlyList<string> DefaultHosts { get; } = ["smba.trafficmanager.net", "*.botframework.com"];

    private readonly string[] _exact;
    private readonly string[] _suffixes;

    public ServiceUrlAllowList(IEnumerable<string> hosts)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        var entries = hosts.Select(h => h.Trim().ToLowerInvariant()).Where(h => h.Length > 0).ToArray();
        _exact = [.. entries.Where(h => !h.StartsWith("*.", StringComparison.Ordinal))];
        _suffixes = [.. entries.Where(h => h.StartsWith("*.", StringComparison.Ordinal)).Select(h => h[1..])];
    }

    /// <summary>https to a listed host; plain http only to a listed loopback host (the Test Tool in Development).</summary>
    public bool IsAllowed(Uri serviceUrl)
    {
        ArgumentNullException.ThrowIfNull(serviceUrl);
        if (!serviceUrl.IsAbsoluteUri || !string.IsNullOrEmpty(serviceUrl.UserInfo))
        {
            return false;
        }
        var host = serviceUrl.IdnHost.ToLowerInvariant();
        var listed = _exact.Contains(host) || _suffixes.Any(s => host.EndsWith(s, StringComparison.Ordinal));
        return listed && (serviceUrl.Scheme == Uri.UriSchemeHttps || (serviceUrl.Scheme == Uri.UriSchemeHttp && Loopback.IsLoopback(serviceUrl)));
    }

    /// <summary>By the parsed address or the name localhost (see <see cref="Loopback"/>).</summary>
    public static bool IsLoopbackHost(string host) => Loopback.IsLoopbackHost(host);
}
