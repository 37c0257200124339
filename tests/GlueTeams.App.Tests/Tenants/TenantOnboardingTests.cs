using System.Net;
using System.Text.Json.Nodes;
using GlueTeams.App.Tests.Bot;
using GlueTeams.Simulator.Tokens;
using GlueTeams.Storage.Tenants;
using Microsoft.AspNetCore.WebUtilities;

namespace GlueTeams.App.Tests.Tenants;

/// <summary>
/// Multi-tenant onboarding: /admin/consent → the simulator's admin consent page (Entra's, in the shape Entra answers)
/// → /admin/consent/callback records the tenant. The callback is open to anyone, so every promise is also tested
/// against a forged, reused, malformed or oversized answer: each changes nothing.
/// </summary>
[TestClass]
public sealed class TenantOnboardingTests
{
    private static HttpClient NoRedirects() => new(new HttpClientHandler { AllowAutoRedirect = false });

    /// <summary>GET /admin/consent on the app; returns where it sends the admin.</summary>
    private static async Task<Uri> StartConsentAsync(TenantsHost host, string query = "")
    {
        using var client = host.App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var response = await client.GetAsync(new Uri("/admin/consent" + query, UriKind.Relative));
        Assert.AreEqual(HttpStatusCode.Redirect, response.StatusCode, await response.Content.ReadAsStringAsync());
        return response.Headers.Location!;
    }

    private static string StateOf(Uri consentPage) => QueryHelpers.ParseQuery(consentPage.Query)["state"].ToString();

    /// <summary>GET /admin/consent/callback; a success is a redirect to the silent sign-in, which is followed to its end (the page).</summary>
    private static async Task<(HttpStatusCode Status, string Page)> CallbackAsync(TenantsHost host, string query)
    {
        using var client = host.App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var response = await client.GetAsync(new Uri("/admin/consent/callback?" + query, UriKind.Relative));
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        var signIn = response.Headers.Location!;
        Assert.AreEqual(new Uri(host.Simulator.BaseUrl, $"dev/{QueryHelpers.ParseQuery(query)["tenant"]}/oauth2/v2.0/authorize").AbsoluteUri, signIn.GetLeftPart(UriPartial.Path));
        var asked = QueryHelpers.ParseQuery(signIn.Query);
        Assert.AreEqual("id_token", asked["response_type"].ToString());
        Assert.AreEqual("form_post", asked["response_mode"].ToString());
        Assert.AreEqual("none", asked["prompt"].ToString());
        Assert.AreEqual("https://glue.test/admin/consent/signed-in", asked["redirect_uri"].ToString());
        using var browser = NoRedirects();
        var form = Fields(await browser.GetStringAsync(signIn));
        return await SignedInAsync(host, form);
    }

    /// <summary>The hidden fields of an Entra form_post page.</summary>
    private static Dictionary<string, string> Fields(string html) =>
        System.Text.RegularExpressions.Regex.Matches(html, "name=\"([a-z_]+)\" value=\"([^\"]*)\"")
            .ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));

    private static async Task<(HttpStatusCode Status, string Page)> SignedInAsync(TenantsHost host, IEnumerable<KeyValuePair<string, string>> form)
    {
        using var response = await host.Bot.Client.PostAsync(new Uri("/admin/consent/signed-in", UriKind.Relative), new FormUrlEncodedContent(form));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [TestMethod]
    public async Task An_admin_who_consents_is_recorded_and_then_their_users_are_served()
    {
        await using var host = await TenantsHost.StartAsync(registered: [TenantsHost.A]);
        host.Simulator.SecondTenant.Consented = false;
        var user = host.OrgB.DemoUser.Id;

        // Before consent: the bot says so with the link to the onboarding, and stores nothing of B.
        await host.Bot.PostAsync(host.Message(TenantsHost.B, user, "help"));
        var refusal = BotHarness.Texts(host.Bot.SentCards().Single());
        StringAssert.Contains(refusal, "Your admin hasn't granted Glueprint access to calendars yet.");
        StringAssert.Contains(refusal, $"https://glue.test/admin/consent?tenant={TenantsHost.B}");
        Assert.IsEmpty(await host.RowsOfAsync(TenantsHost.B));

        // The admin follows the link: our onboarding → Entra's admin consent page for B → back to our callback.
        var consentPage = await StartConsentAsync(host, $"?tenant={TenantsHost.B}");
        Assert.AreEqual(new Uri(host.Simulator.BaseUrl, $"dev/{TenantsHost.B}/v2.0/adminconsent").AbsoluteUri, consentPage.GetLeftPart(UriPartial.Path));
        var asked = QueryHelpers.ParseQuery(consentPage.Query);
        Assert.AreEqual(TenantsHost.ClientId, asked["client_id"].ToString());
        Assert.AreEqual("https://glue.test/admin/consent/callback", asked["redirect_uri"].ToString());
        Assert.AreEqual("https://graph.microsoft.com/.default", asked["scope"].ToString());
        using var browser = NoRedirects();
        using var entra = await browser.GetAsync(consentPage);
        Assert.AreEqual(HttpStatusCode.Redirect, entra.StatusCode);
        var back = entra.Headers.Location!;
        Assert.AreEqual("https://glue.test/admin/consent/callback", back.GetLeftPart(UriPartial.Path));
        var (status, page) = await CallbackAsync(host, back.Query.TrimStart('?'));

        Assert.AreEqual(HttpStatusCode.OK, status, page);
        StringAssert.Contains(page, "Glueprint is connected to your organisation");
        var registration = await host.Registry.GetAsync(TenantsHost.B);
        Assert.IsNotNull(registration);
        Assert.AreEqual(TenantStatus.Active, registration.Status);
        Assert.IsLessThan(TimeSpan.FromMinutes(1), TestClock.Shared.GetUtcNow() - registration.ConsentedAt);
        Assert.AreEqual(host.Simulator.SecondTenant.Admin.Id, registration.ConsentedBy, "who consented: their object id, from their ID token");

        // Now B's users get GlueTeams itself.
        await host.Bot.PostAsync(host.Message(TenantsHost.B, user, "help"));
        StringAssert.Contains(BotHarness.Texts(host.Bot.SentCards()[^1]), "Glueprint commands");
        Assert.IsNotNull(await host.Users.GetAsync(TenantsHost.B, user));
    }

    [TestMethod]
    public async Task A_forged_answer_for_a_tenant_that_never_consented_records_nothing()
    {
        await using var host = await TenantsHost.StartAsync(registered: []);
        host.Simulator.SecondTenant.Consented = false;

        // A valid state from a real start, and an answer that says B (never consented) or an unknown tenant agreed.
        foreach (var tenant in new[] { TenantsHost.B, TenantsHost.C })
        {
            var state = StateOf(await StartConsentAsync(host));
            var (status, page) = await CallbackAsync(host, $"admin_consent=True&tenant={tenant}&state={Uri.EscapeDataString(state)}");

            Assert.AreEqual(HttpStatusCode.Forbidden, status, page);
            StringAssert.Contains(page, "Entra has not confirmed the consent");
        }
        Assert.IsEmpty(await host.Registry.ListAsync());
        using var health = await host.Bot.Client.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.AreEqual(HttpStatusCode.OK, health.StatusCode, "the app still serves");
    }

    [TestMethod]
    public async Task When_Entra_cannot_be_reached_the_answer_is_not_believed_and_the_app_still_serves()
    {
        await using var host = await TenantsHost.StartAsync(registered: [TenantsHost.A]);
        var state = Uri.EscapeDataString(StateOf(await StartConsentAsync(host, $"?tenant={TenantsHost.B}")));
        await host.Simulator.DisposeAsync(); // Entra's token endpoint (and Graph) gone

        var (status, page) = await CallbackAsync(host, $"admin_consent=True&tenant={TenantsHost.B}&state={state}");

        Assert.AreEqual(HttpStatusCode.Forbidden, status, page);
        StringAssert.Contains(page, "Entra has not confirmed the consent");
        StringAssert.Contains(page, $"/admin/consent?tenant={TenantsHost.B}", "the way to try again");
        Assert.IsNull(await host.Registry.GetAsync(TenantsHost.B));
        using var health = await host.Bot.Client.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.AreEqual(HttpStatusCode.OK, health.StatusCode);
        Assert.AreEqual(HttpStatusCode.Redirect, (await host.App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false })
            .GetAsync(new Uri("/admin/consent", UriKind.Relative))).StatusCode, "onboarding still starts");
    }

    [TestMethod]
    public async Task A_state_works_once_and_only_if_the_app_issued_it()
    {
        await using var host = await TenantsHost.StartAsync(registered: []);
        var state = Uri.EscapeDataString(StateOf(await StartConsentAsync(host)));
        var answer = $"admin_consent=True&tenant={TenantsHost.B}";

        var first = await CallbackAsync(host, $"{answer}&state={state}");
        await host.Registry.RemoveAsync(TenantsHost.B);
        var again = await CallbackAsync(host, $"{answer}&state={state}");
        var forged = await CallbackAsync(host, $"{answer}&state=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        var missing = await CallbackAsync(host, answer);
        var oversized = await CallbackAsync(host, $"{answer}&state={new string('x', 20_000)}");
        var twice = await CallbackAsync(host, $"{answer}&state={Uri.EscapeDataString(StateOf(await StartConsentAsync(host)))}&state=x");

        Assert.AreEqual(HttpStatusCode.OK, first.Status, first.Page);
        StringAssert.Contains(first.Page, "Glueprint is connected to your organisation");
        foreach (var (status, page) in new[] { again, forged, missing, oversized, twice })
        {
            Assert.AreEqual(HttpStatusCode.BadRequest, status, page);
            StringAssert.Contains(page, "This consent link has expired");
        }
        Assert.IsNull(await host.Registry.GetAsync(TenantsHost.B), "a reused state records nothing");
    }

    [TestMethod]
    public async Task Who_consented_is_recorded_only_from_an_ID_token_Entra_issued_for_that_sign_in()
    {
        await using var host = await TenantsHost.StartAsync(registered: []);
        var admin = host.Simulator.SecondTenant.Admin.Id;
        string Token(string nonce, Func<TokenRequest, TokenRequest>? change = null)
        {
            var request = new TokenRequest
            {
                Issuer = DevTokenIssuer.EntraIssuer(TenantsHost.B),
                Audience = TenantsHost.ClientId,
                Claims = new Dictionary<string, object> { ["tid"] = TenantsHost.B, ["oid"] = admin, ["nonce"] = nonce, ["ver"] = "2.0" },
            };
            return host.Simulator.Issuer.Mint(change is null ? request : change(request));
        }
        // The sign-in leg's state, as the callback makes it after a real consent answer.
        async Task<string> SignInStateAsync()
        {
            using var client = host.App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            var state = Uri.EscapeDataString(StateOf(await StartConsentAsync(host)));
            using var response = await client.GetAsync(new Uri($"/admin/consent/callback?admin_consent=True&tenant={TenantsHost.B}&state={state}", UriKind.Relative));
            Assert.AreEqual(HttpStatusCode.Redirect, response.StatusCode);
            return QueryHelpers.ParseQuery(response.Headers.Location!.Query)["state"].ToString();
        }
        var forgeries = new Func<string, string>[]
        {
            nonce => Token(nonce, r => r with { SignWithUnknownKey = true }),
            _ => Token("another-nonce"),
            nonce => Token(nonce, r => r with { Audience = "00000000-0000-0000-0000-00000000beef" }),
            nonce => Token(nonce, r => r with { Issuer = DevTokenIssuer.EntraIssuer(TenantsHost.A) }),
            nonce => Token(nonce, r => r with { Expires = TestClock.Shared.GetUtcNow().AddHours(-1), NotBefore = TestClock.Shared.GetUtcNow().AddHours(-2) }),
            _ => "not a token",
        };

        foreach (var forge in forgeries)
        {
            var state = await SignInStateAsync();
            var (status, page) = await SignedInAsync(host, new Dictionary<string, string> { ["id_token"] = forge(state), ["state"] = state });
            Assert.AreEqual(HttpStatusCode.OK, status, page);
            StringAssert.Contains(page, "Glueprint is connected to your organisation", "the consent stands");
            Assert.IsNull((await host.Registry.GetAsync(TenantsHost.B))!.ConsentedBy, "a token Entra did not issue for this sign-in names nobody");
        }
        var silentFailed = await SignInStateAsync();
        var failed = await SignedInAsync(host, new Dictionary<string, string> { ["error"] = "login_required", ["state"] = silentFailed });
        var consentLegState = StateOf(await StartConsentAsync(host));
        var wrongLeg = await SignedInAsync(host, new Dictionary<string, string> { ["id_token"] = Token(consentLegState), ["state"] = consentLegState });
        var reused = await SignedInAsync(host, new Dictionary<string, string> { ["id_token"] = Token(silentFailed), ["state"] = silentFailed });
        var oversized = await SignedInAsync(host, new Dictionary<string, string> { ["id_token"] = new string('x', 40_000), ["state"] = await SignInStateAsync() });

        Assert.AreEqual(HttpStatusCode.OK, failed.Status);
        Assert.AreEqual(HttpStatusCode.BadRequest, wrongLeg.Status, "a state of the consent leg is not one of the sign-in leg");
        Assert.AreEqual(HttpStatusCode.BadRequest, reused.Status);
        Assert.AreEqual(HttpStatusCode.BadRequest, oversized.Status);
        Assert.IsNull((await host.Registry.GetAsync(TenantsHost.B))!.ConsentedBy);
        var genuine = await SignInStateAsync();
        Assert.AreEqual(HttpStatusCode.OK, (await SignedInAsync(host, new Dictionary<string, string> { ["id_token"] = Token(genuine), ["state"] = genuine })).Status);
        Assert.AreEqual(admin, (await host.Registry.GetAsync(TenantsHost.B))!.ConsentedBy);
    }

    [TestMethod]
    public async Task A_refusal_shows_Entras_error_and_records_nothing()
    {
        await using var host = await TenantsHost.StartAsync(registered: []);
        var state = Uri.EscapeDataString(StateOf(await StartConsentAsync(host)));

        var (status, page) = await CallbackAsync(host,
            $"error=access_denied&error_description={Uri.EscapeDataString("AADSTS65004: User declined to consent <script>alert(1)</script>")}&state={state}");

        Assert.AreEqual(HttpStatusCode.OK, status);
        StringAssert.Contains(page, "Glueprint was not granted access");
        StringAssert.Contains(page, "<code>access_denied</code>");
        StringAssert.Contains(page, "AADSTS65004: User declined to consent &lt;script&gt;");
        Assert.DoesNotContain("<script>", page);
        Assert.IsEmpty(await host.Registry.ListAsync());
    }

    [TestMethod]
    [DataRow("admin_consent=False&tenant=00000000-0000-0000-0000-0000000000002", DisplayName = "not granted")]
    [DataRow("admin_consent=True", DisplayName = "no tenant")]
    [DataRow("admin_consent=True&tenant=contoso.onmicrosoft.com", DisplayName = "not a tenant id")]
    [DataRow("admin_consent=True&tenant=%23tenant", DisplayName = "a reserved key")]
    [DataRow("admin_consent=True&tenant=00000000-0000-0000-0000-0000000000002&tenant=00000000-0000-0000-0000-0000000000001", DisplayName = "two tenants")]
    public async Task An_incomplete_answer_records_nothing(string answer)
    {
        await using var host = await TenantsHost.StartAsync(registered: []);
        var state = Uri.EscapeDataString(StateOf(await StartConsentAsync(host)));

        var (status, page) = await CallbackAsync(host, $"{answer}&state={state}");

        Assert.AreEqual(HttpStatusCode.BadRequest, status, page);
        StringAssert.Contains(page, "could not read Entra&#39;s answer");
        Assert.IsEmpty(await host.Registry.ListAsync());
    }

    [TestMethod]
    public async Task The_start_refuses_a_tenant_that_is_not_a_directory_id()
    {
        await using var host = await TenantsHost.StartAsync(registered: []);

        using var response = await host.Bot.Client.GetAsync(new Uri("/admin/consent?tenant=..%2Fcommon", UriKind.Relative));
        var organisations = await StartConsentAsync(host);

        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.AreEqual("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        StringAssert.Contains(organisations.AbsolutePath, "/dev/organizations/v2.0/adminconsent", "without a tenant, any organisation's admin signs in");
    }

    [TestMethod]
    public async Task The_tabs_and_the_pane_say_it_in_the_same_words_with_the_link()
    {
        await using var host = await TenantsHost.StartAsync(registered: [TenantsHost.A]);
        using var client = host.ClientFor(TenantsHost.B, host.OrgB.DemoUser.Id);

        foreach (var (method, path) in new[] { (HttpMethod.Get, "/api/me/summary"), (HttpMethod.Get, "/api/team/summary"), (HttpMethod.Put, "/api/tags/AAMkAGI2") })
        {
            using var response = await client.SendAsync(new HttpRequestMessage(method, path) { Content = method == HttpMethod.Put ? JsonContent("{}") : null });
            var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

            Assert.AreEqual(HttpStatusCode.Forbidden, response.StatusCode, path);
            Assert.AreEqual("urn:glueprint:problem:admin-consent-required", (string?)problem["type"], path);
            StringAssert.Contains((string?)problem["detail"], "Your admin hasn't granted Glueprint access to calendars yet.");
            Assert.AreEqual($"https://glue.test/admin/consent?tenant={TenantsHost.B}", (string?)problem["adminConsentUrl"], path);
        }
        Assert.IsEmpty(await host.RowsOfAsync(TenantsHost.B));
        using var a = host.ClientFor(TenantsHost.A, host.OrgA.DemoUser.Id);
        Assert.AreEqual(HttpStatusCode.OK, (await a.GetAsync(new Uri("/api/me/summary", UriKind.Relative))).StatusCode, "a consented tenant is served");
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
