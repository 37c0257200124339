using GlueTeams.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace GlueTeams.App.Tests.Hosting;

/// <summary>The app in-process, on Azurite tables of its own, with extra settings per test class.</summary>
public sealed class AppFactory(IReadOnlyDictionary<string, string?>? settings = null, string environment = "Development") : WebApplicationFactory<Program>
{
    public GlueTeams.Storage.StorageOptions Storage { get; } = Azurite.NewStorageOptions();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting("Storage:ConnectionString", Storage.ConnectionString);
        builder.UseSetting("Storage:TablePrefix", Storage.TablePrefix);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
    }
}
