using GlueTeams.App.Export;
using GlueTeams.App.Users;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GlueTeams.App.Extensions;

public static class PacketServices
{
    /// <summary>The promotion packet and what it reads (the ladder, colleagues' teams), for the tab API and the export command alike.</summary>
    public static IServiceCollection AddGluePacket(this IServiceCollection services)
    {
        services.AddSettings<PacketOptions>(PacketOptions.Section, (options, _) => options.Problems());
        services.AddMemoryCache();
        services.AddWaits();
        services.TryAddSingleton<DirectoryLookups>();
        services.TryAddSingleton(sp => sp.GetRequiredService<PacketOptions>().Ladder());
        services.TryAddSingleton<PromotionPacket>();
        services.TryAddSingleton<GlueTeams.App.Evidence.NudgeService>();
        return services;
    }
}
