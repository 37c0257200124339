using GlueTeams.App.Bot;
using GlueTeams.App.Users;
using GlueTeams.Teams;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GlueTeams.App.Extensions;

public static class BotServices
{
    /// <summary>The Teams protocol (Bot:* options, token validation, connector), the bot's handlers and the weekly card scheduler.</summary>
    public static IHostApplicationBuilder AddGlueBot(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddTeamsProtocol();
        builder.Services.TryAddSingleton<DirectoryProfiles>();
        builder.Services.AddSingleton<UserRegistration>();
        builder.Services.AddSingleton<WeekCards>();
        builder.Services.AddSingleton<RecordActions>();
        builder.Services.AddSingleton<SettingsActions>();
        // Scoped: it holds the connector, a typed HttpClient.
        builder.Services.AddScoped<BotDispatcher>();
        builder.Services.AddSingleton<WeeklyCardScheduler>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<WeeklyCardScheduler>());
        return builder;
    }
}
