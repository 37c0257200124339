using System.Collections.Concurrent;
using Azure.Core;
using GlueTeams.Graph.Auth;
using GlueTeams.Simulator;
using GlueTeams.Simulator.Org;
using Microsoft.Identity.Client;
using Microsoft.IdentityModel.JsonWebTokens;

namespace GlueTeams.Graph.Tests.Auth;

/// <summary>
/// Multi-tenant app-only tokens through real MSAL: one confidential client, and each request goes to its tenant's own
/// authority (AcquireTokenForClient().WithTenantId), here answered by the simulator's Entra-shaped token endpoint.
/// </summary>
[TestClass]
public sealed class TenantCredentialsTests
{
    private const string App = "22222222-2222-2222-2222-222222222222";
    private static readonly TokenRequestContext s_graph = new([GraphClients.Scope]);

    /// <summary>Sends MSAL's requests for login.microsoftonline.com to the simulator's /dev/ instead, and records their paths.</summary>
    private sealed class LoopbackEntra(Uri simulator) : DelegatingHandler(new HttpClientHandler()), IMsalHttpClientFactory
    {
        public ConcurrentQueue<string> Paths { get; } = new();

        public HttpClient GetHttpClient() => new(this, disposeHandler: false);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Assert.AreEqual("login.microsoftonline.com", request.RequestUri!.Host, "MSAL asks Entra only");
            Paths.Enqueue(request.RequestUri.AbsolutePath);
            request.RequestUri = new Uri(simulator, "dev" + request.RequestUri.PathAndQuery);
            return base.SendAsync(request, cancellationToken);
        }
    }

    [TestMethod]
    public async Task Each_tenants_token_comes_from_its_own_authority_and_is_for_that_tenant()
    {
        await using var simulator = await SimulatorHost.StartAsync(new SimulatorOptions { Users = 10, SecondTenantUsers = 10 });
        using var entra = new LoopbackEntra(simulator.BaseUrl);
        var credentials = new TenantCredentials(new GraphOptions { ClientId = App, ClientSecret = "not-a-real-secret" }, entra);

        var a = await credentials.For(SimulatedOrg.TenantId).GetTokenAsync(s_graph, CancellationToken.None);
        var b = await credentials.For(SimulatedOrg.SecondTenantId).GetTokenAsync(s_graph, CancellationToken.None);
        var again = await credentials.For(SimulatedOrg.SecondTenantId).GetTokenAsync(s_graph, CancellationToken.None);

        Assert.AreEqual(SimulatedOrg.TenantId, new JsonWebToken(a.Token).GetClaim("tid").Value);
        Assert.AreEqual(SimulatedOrg.SecondTenantId, new JsonWebToken(b.Token).GetClaim("tid").Value);
        Assert.AreEqual(b.Token, again.Token, "MSAL's cache keeps each tenant's token");
        CollectionAssert.AreEquivalent(new[] { $"/{SimulatedOrg.TenantId}/oauth2/v2.0/token", $"/{SimulatedOrg.SecondTenantId}/oauth2/v2.0/token" },
            entra.Paths.Where(p => p.EndsWith("/token", StringComparison.Ordinal)).ToArray());
    }

    [TestMethod]
    public async Task A_tenant_that_never_consented_gets_no_token()
    {
        await using var simulator = await SimulatorHost.StartAsync(new SimulatorOptions { Users = 10, SecondTenantUsers = 10 });
        simulator.SecondTenant.Consented = false;
        using var entra = new LoopbackEntra(simulator.BaseUrl);
        var credentials = new TenantCredentials(new GraphOptions { ClientId = App, ClientSecret = "not-a-real-secret" }, entra);

        var refused = await Assert.ThrowsExactlyAsync<MsalServiceException>(async () =>
            await credentials.For(SimulatedOrg.SecondTenantId).GetTokenAsync(s_graph, CancellationToken.None));

        StringAssert.Contains(refused.Message, "AADSTS700016");
        Assert.IsNotNull(await credentials.For(SimulatedOrg.TenantId).GetTokenAsync(s_graph, CancellationToken.None), "the consented tenant still gets its token");
    }

    [TestMethod]
    public void A_managed_identity_cannot_serve_many_tenants() =>
        StringAssert.Contains(Assert.ThrowsExactly<InvalidOperationException>(() => new TenantCredentials(new GraphOptions { ClientId = App, UseManagedIdentity = true })).Message,
            "Graph:ClientSecret or Graph:CertificatePath");
}
