using Azure.Identity;
using GlueTeams.Graph.Auth;

namespace GlueTeams.Graph.Tests.Auth;

[TestClass]
public sealed class GraphCredentialsTests
{
    private const string Tenant = "11111111-1111-1111-1111-111111111111";
    private const string App = "22222222-2222-2222-2222-222222222222";

    [TestMethod]
    public void From_ClientSecret_IsAClientSecretCredential() =>
        Assert.IsInstanceOfType<ClientSecretCredential>(GraphCredentials.From(new GraphOptions { TenantId = Tenant, ClientId = App, ClientSecret = "s" }));

    [TestMethod]
    public void From_CertificatePath_IsAClientCertificateCredential() =>
        Assert.IsInstanceOfType<ClientCertificateCredential>(GraphCredentials.From(new GraphOptions { TenantId = Tenant, ClientId = App, CertificatePath = "/etc/glue/graph.pfx" }));

    [TestMethod]
    public void From_ManagedIdentity_IsAManagedIdentityCredential() =>
        Assert.IsInstanceOfType<ManagedIdentityCredential>(GraphCredentials.From(new GraphOptions { UseManagedIdentity = true }));

    [TestMethod]
    public void From_NothingConfigured_SaysWhatIsMissing()
    {
        var error = Assert.ThrowsExactly<InvalidOperationException>(() => GraphCredentials.From(new GraphOptions { TenantId = Tenant, ClientId = App }));

        StringAssert.Contains(error.Message, "Graph:ClientSecret");
    }

    [TestMethod]
    public void DevTokenCredential_ForANonLoopbackHost_IsRefused() =>
        Assert.ThrowsExactly<ArgumentException>(() => GraphCredentials.From(new GraphOptions { DevTokenUrl = new Uri("https://tokens.example.com/dev/graph/token") }));
}
