using GlueTeams.App.Bot;
using GlueTeams.App.Outbox;
using GlueTeams.Storage;
using GlueTeams.Storage.Queues;
using GlueTeams.Teams.Activities;
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
        // Multi-tenant: Bot:TenantId is the bot registration's home (new bots are single-tenant); the registry decides who is served.
        var multiTenant = builder.Configuration.Read<GlueTeams.App.Tenants.TenancyOptions>(GlueTeams.App.Tenants.TenancyOptions.Section).IsMultiTenant;
        builder.Services.PostConfigure<GlueTeams.Teams.Auth.BotOptions>(o => o.ServesManyTenants = multiTenant);
        builder.Services.TryAddSingleton<DirectoryProfiles>();
        builder.Services.AddSingleton<UserRegistration>();
        builder.Services.AddWaits();
        builder.Services.AddSingleton<WeekCards>();
        builder.Services.TryAddSingleton<GlueTeams.App.Evidence.NudgeService>(); // the weekly card's private nudge line
        builder.Services.AddSingleton<RecordActions>();
        builder.Services.AddSingleton<SettingsActions>();
        builder.Services.AddSingleton<LogActions>();
        builder.Services.AddSingleton<MessageActions>();
        // Scoped: it holds the connector, a typed HttpClient.
        builder.Services.AddScoped<BotDispatcher>();
        builder.Services.AddSettings<WeeklyCardSchedulerOptions>(WeeklyCardSchedulerOptions.Section, (options, _) => options.Problems());
        builder.Services.AddSingleton<WeeklyCardScheduler>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<WeeklyCardScheduler>());
        builder.AddGlueOutbox();
        // Defence in depth: every background loop catches its own failures, and none may ever stop the host.
        builder.Services.Configure<HostOptions>(o => o.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.Ignore);
        return builder;
    }

    /// <summary>The outbox queue every outbound message goes through, and its worker (on every instance unless Outbox:RunWorker is false).</summary>
    private static void AddGlueOutbox(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSettings<OutboxOptions>(OutboxOptions.Section, (options, _) => options.Problems());
        // The queue's own limit (a consumer crashing on an item) sits above the worker's, which poisons with a metric first.
        builder.Services.AddSingleton(sp => new WorkQueue<OutboxMessage>(sp.GetRequiredService<StorageOptions>(), "outbox", ProtocolJson.Options,
            sp.GetRequiredService<OutboxOptions>().MaxTries + 2));
        builder.Services.AddSingleton<MessageOutbox>();
        builder.Services.AddScoped<OutboxWorker>();
        builder.Services.AddSingleton<GlueTeams.Storage.Schedule.InstanceRegistry>();
        if (builder.Configuration.Read<OutboxOptions>(OutboxOptions.Section).RunWorker)
        {
            builder.Services.AddHostedService<OutboxService>();
        }
    }
}
