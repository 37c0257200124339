using GlueTeams.App.Extensions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GlueTeams.App.Tests.Hosting;

/// <summary>One settings section bound and checked as the app does at start (Production), without starting an app.</summary>
internal static class SettingsCheck
{
    /// <summary>Whether the app would start, the lines it would print, and the bound options when it starts.</summary>
    public static (bool Starts, string Errors, T? Options) Run<T>(string section, Func<T, IEnumerable<string>> problems, Dictionary<string, string?> settings)
        where T : class
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddSingleton<Microsoft.Extensions.Hosting.IHostEnvironment>(new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = "Production" });
        services.AddSettings<T>(section, (options, _) => problems(options));
        using var provider = services.BuildServiceProvider();
        using var errors = new StringWriter();
        var starts = Settings.Check(provider, errors);
        return (starts, errors.ToString(), starts ? provider.GetRequiredService<T>() : null);
    }
}
