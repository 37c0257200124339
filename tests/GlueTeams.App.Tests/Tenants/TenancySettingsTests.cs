using System.Net;
using GlueTeams.Testing;
using Microsoft.AspNetCore.WebUtilities;

namespace GlueTeams.App.Tests.Tenants;

/// <summary>
/// Multi-tenant mode as a real Production process: with what it needs it starts and sends admins to Entra's real
/// admin consent endpoint; without it, it refuses to start with one line naming the setting.
/// </summary>
[TestClass]
public sealed class TenancySettingsTests
{
    private const string ClientId = "6d1f5a7e-2b4c-4f1e-9a3b-0c5d7e9f1a2b";

    private static Dictionary<string, string> MultiTenantProduction(params (string Key, string? Value)[] changes)
    {
        var storage = Azurite.NewStorageOptions();
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Storage__ConnectionString"] = storage.ConnectionString!,
            ["Storage__TablePrefix"] = storage.TablePrefix,
            ["Bot__AppId"] = "00000000-0000-0000-0000-00000000b07",
            ["Bot__AppPassword"] = "not-a-real-secret",
            ["Bot__TenantId"] = "11111111-1111-1111-1111-111111111111",
            ["Tabs__Audience"] = $"api://glue.example.com/{ClientId}",
            ["Tenancy__Mode"] = "MultiTenant",
            ["Graph__ClientId"] = ClientId,
            ["Graph__ClientSecret"] = "not-a-real-secret",
            ["Store__PublicUrl"] = "https://glue.example.com",
            ["Sync__RunWorker"] = "false",
        };
        foreach (var (key, value) in changes)
        {
            if (value is null)
            {
                settings.Remove(key);
            }
            else
            {
                settings[key] = value;
            }
        }
        return settings;
    }

    [TestMethod]
    public async Task Multi_tenant_production_starts_and_sends_admins_to_Entras_admin_consent_endpoint()
    {
        var (process, url) = AppProcess.Start(MultiTenantProduction());
        await using var _ = process;
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = url };

        using var response = await client.GetAsync(new Uri("/admin/consent", UriKind.Relative));

        Assert.AreEqual(HttpStatusCode.Redirect, response.StatusCode, process.Output);
        var consent = response.Headers.Location!;
        Assert.AreEqual("https://login.microsoftonline.com/organizations/v2.0/adminconsent", consent.GetLeftPart(UriPartial.Path));
        var query = QueryHelpers.ParseQuery(consent.Query);
        Assert.AreEqual(ClientId, query["client_id"].ToString());
        Assert.AreEqual("https://glue.example.com/admin/consent/callback", query["redirect_uri"].ToString());
        Assert.AreEqual("https://graph.microsoft.com/.default", query["scope"].ToString());
        Assert.AreEqual(43, query["state"].ToString().Length, "32 random bytes, base64url");
    }

    [TestMethod]
    [DataRow("Store__PublicUrl", null, "Store:PublicUrl")]
    [DataRow("Tabs__Audience", null, "Tabs:Audience")]
    [DataRow("Graph__ClientSecret", null, "Graph:ClientSecret")]
    [DataRow("Graph__UseManagedIdentity", "true", "a managed identity reads only its own tenant")]
    [DataRow("Tenancy__ConsentAuthority", "http://127.0.0.1:5010/dev/", "Tenancy:ConsentAuthority is allowed only in Development")]
    [DataRow("Tenancy__Mode", "Everyone", "Tenancy:Mode")]
    public async Task Multi_tenant_mode_without_what_it_needs_does_not_start(string key, string? value, string named)
    {
        var run = await AppProcess.RunToExitAsync(MultiTenantProduction((key, value)));

        Assert.AreEqual(2, run.ExitCode, run.Output + run.Errors);
        StringAssert.Contains(run.Errors, named);
        Assert.DoesNotContain("   at ", run.Output + run.Errors, "no stack trace");
    }
}
