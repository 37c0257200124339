using GlueTeams.App.Auth;
using GlueTeams.App.Store;
using GlueTeams.Core.Net;
using GlueTeams.Graph;

namespace GlueTeams.App.Tenants;

public enum TenancyMode
{
    /// <summary>A customer runs GlueTeams for their own tenant: Graph:TenantId.</summary>
    SelfHosted,
    /// <summary>One deployment serves every tenant whose admin consented (the Teams Store listing).</summary>
    MultiTenant,
}

/// <summary>Configuration section "Tenancy": which deployment mode, and (Development only) where admins consent.</summary>
public sealed class TenancyOptions
{
    public const string Section = "Tenancy";
    public static readonly Uri EntraAuthority = new("https://login.microsoftonline.com/");

    public TenancyMode Mode { get; set; } = TenancyMode.SelfHosted;

    /// <summary>Entra ID's login host, where the admin consent page is; Development only: the simulator's /dev/.</summary>
    public Uri ConsentAuthority { get; set; } = EntraAuthority;

    public bool IsMultiTenant => Mode == TenancyMode.MultiTenant;

    /// <summary>One sentence per setting that cannot work, naming it.</summary>
    public IEnumerable<string> Problems(bool isDevelopment, GraphOptions graph, StoreOptions store, TabsOptions tabs)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(tabs);
        if (ConsentAuthority != EntraAuthority && Loopback.DevelopmentOnlyProblem("Tenancy:ConsentAuthority", ConsentAuthority, isDevelopment) is { } authority)
        {
            yield return authority;
        }
        if (!IsMultiTenant)
        {
            yield break;
        }
        if (string.IsNullOrEmpty(graph.ClientId))
        {
            yield return "Tenancy:Mode MultiTenant needs Graph:ClientId: tenants consent to that app registration, and their calendars are read with it.";
        }
        if (store.PublicUrl is null)
        {
            yield return "Tenancy:Mode MultiTenant needs Store:PublicUrl: the admin consent comes back to its /admin/consent/callback.";
        }
        if (!tabs.IsConfigured)
        {
            yield return "Tenancy:Mode MultiTenant needs Tabs:Audience: an organisation's offboarding is authorised by its administrator's token for the API.";
        }
    }
}
