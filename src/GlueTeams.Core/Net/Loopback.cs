using System.Net;

namespace GlueTeams.Core.Net;

/// <summary>
/// Whether an address stays on this machine, decided by the parsed address (127.0.0.0/8, ::1, an IPv4-mapped
/// loopback) or the name "localhost" (with or without its trailing dot), never by comparing host names as text.
/// </summary>
public static class Loopback
{
    public static bool IsLoopback(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.IsAbsoluteUri && IsLoopbackHost(url.Host);
    }

    public static bool IsLoopbackHost(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var name = host.Trim().TrimStart('[').TrimEnd(']');
        if (IPAddress.TryParse(name, out var address))
        {
            return IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
        }
        return string.Equals(name.TrimEnd('.'), "localhost", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The problem with a URL setting that must be https, where plain http is allowed only to a loopback address in
    /// Development; null when it is fine.
    /// </summary>
    public static string? HttpsProblem(string setting, Uri? url, bool isDevelopment)
    {
        ArgumentNullException.ThrowIfNull(setting);
        if (url is null)
        {
            return null;
        }
        if (!url.IsAbsoluteUri)
        {
            return $"{setting} '{url}' is not an absolute URL.";
        }
        if (url.Scheme == Uri.UriSchemeHttps)
        {
            return null;
        }
        return url.Scheme == Uri.UriSchemeHttp && isDevelopment && IsLoopback(url)
            ? null
            : $"{setting} must be an https URL (plain http only to a loopback address in Development), not {url.Scheme}://{url.Host}.";
    }

    /// <summary>The problem with a development-only URL setting (the simulator's issuers): set outside Development, or not on loopback.</summary>
    public static string? DevelopmentOnlyProblem(string setting, Uri? url, bool isDevelopment)
    {
        ArgumentNullException.ThrowIfNull(setting);
        if (url is null)
        {
            return null;
        }
        if (!isDevelopment)
        {
            return $"{setting} is allowed only in Development; remove it from this environment's configuration.";
        }
        return url.IsAbsoluteUri && IsLoopback(url) ? null : $"{setting} must be on a loopback address, not {(url.IsAbsoluteUri ? url.Host : url.ToString())}.";
    }
}
