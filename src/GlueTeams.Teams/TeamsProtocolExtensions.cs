using GlueTeams.Teams.Auth;
using GlueTeams.Teams.Connector;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace GlueTeams.Teams;

public static class TeamsProtocolExtensions
{
    /// <summary>
    /// Binds and validates Bot:* on start, and registers <see cref="BotTokenValidator"/>, <see cref="ConnectorClient"/>
    /// (a typed HttpClient) and the MSAL token source.
    /// </summary>
    public static IHostApplicationBuilder AddTeamsProtocol(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<BotOptions>().BindConfiguration(BotOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BotOptions>, BotOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new ServiceUrlAllowList(sp.GetRequiredService<IOptions<BotOptions>>().Value.ServiceUrlHosts));
        services.AddSingleton<IConnectorTokenSource, MsalConnectorTokenSource>();
        services.AddHttpClient(nameof(BotTokenValidator));
        services.AddSingleton(sp => new BotTokenValidator(
            sp.GetRequiredService<IOptions<BotOptions>>(),
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(BotTokenValidator)),
            sp.GetRequiredService<TimeProvider>()));
        services.AddHttpClient<ConnectorClient>();
        return builder;
    }
}
