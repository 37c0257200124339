using System.Net;
using GlueTeams.Simulator.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace GlueTeams.Testing;

/// <summary>
/// The simulator's development token issuer served over real HTTP on a free loopback port, so that token validators
/// fetch its OpenID metadata and keys exactly as they fetch Microsoft's.
/// </summary>
public sealed class DevTokenIssuerHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DevTokenIssuerHost(WebApplication app, DevTokenIssuer issuer, Uri baseAddress) => (_app, Issuer, BaseAddress) = (app, issuer, baseAddress);

    public DevTokenIssuer Issuer { get; }
    public Uri BaseAddress { get; }
    /// <summary>The Bot Connector-shaped metadata, for Bot:OpenIdMetadataUrl.</summary>
    public Uri BotMetadataUrl => new(BaseAddress, "/dev/bot/.well-known/openid-configuration");

    public static async Task<DevTokenIssuerHost> StartAsync(TimeProvider? time = null, string apiAudience = "api://glueteams-test")
    {
        var port = Azurite.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var issuer = new DevTokenIssuer(time);
        app.MapDevTokenIssuer(issuer, apiAudience);
        await app.StartAsync().ConfigureAwait(false);
        return new DevTokenIssuerHost(app, issuer, new Uri($"http://127.0.0.1:{port}"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
