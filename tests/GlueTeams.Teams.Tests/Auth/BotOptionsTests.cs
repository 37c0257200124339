using GlueTeams.Teams.Auth;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GlueTeams.Teams.Tests.Auth;

[TestClass]
public sealed class BotOptionsTests
{
    private static ValidateOptionsResult Validate(BotOptions options, string environment) =>
        new BotOptionsValidator(new HostingEnvironment { EnvironmentName = environment }, NullLogger<BotOptionsValidator>.Instance).Validate(null, options);

    [TestMethod]
    public void Anonymous_is_allowed_in_Development() =>
        Assert.IsTrue(Validate(new BotOptions(), Environments.Development).Succeeded);

    [TestMethod]
    [DataRow("Production")]
    [DataRow("Staging")]
    [DataRow("Test")]
    public void Anonymous_is_refused_outside_Development(string environment)
    {
        var result = Validate(new BotOptions(), environment);

        Assert.IsTrue(result.Failed);
        StringAssert.Contains(result.FailureMessage, "Bot:AppId");
    }

    [TestMethod]
    public void An_app_id_with_a_password_is_valid_in_Production() =>
        Assert.IsTrue(Validate(new BotOptions { AppId = "app", AppPassword = "secret" }, Environments.Production).Succeeded);

    [TestMethod]
    public void An_app_id_with_no_credential_is_refused() =>
        Assert.IsTrue(Validate(new BotOptions { AppId = "app" }, Environments.Development).Failed);

    [TestMethod]
    public void An_app_id_with_two_credentials_is_refused() =>
        Assert.IsTrue(Validate(new BotOptions { AppId = "app", AppPassword = "secret", UseManagedIdentity = true }, Environments.Production).Failed);

    [TestMethod]
    public void A_loopback_service_url_host_is_refused_outside_Development()
    {
        var options = new BotOptions { AppId = "app", AppPassword = "secret", AllowedServiceUrlHosts = ["smba.trafficmanager.net", "localhost"] };

        Assert.IsTrue(Validate(options, Environments.Production).Failed);
        Assert.IsTrue(Validate(options, Environments.Development).Succeeded);
    }

    [TestMethod]
    public void Plain_http_metadata_is_refused_outside_Development()
    {
        var options = new BotOptions { AppId = "app", AppPassword = "secret", OpenIdMetadataUrl = new Uri("http://127.0.0.1:5000/meta") };

        Assert.IsTrue(Validate(options, Environments.Production).Failed);
        Assert.IsTrue(Validate(options, Environments.Development).Succeeded);
    }

    [TestMethod]
    public async Task A_host_without_credentials_refuses_to_start_in_Production()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Production });
        builder.AddTeamsProtocol();
        using var host = builder.Build();

        await Assert.ThrowsExactlyAsync<OptionsValidationException>(() => host.StartAsync());
    }

    [TestMethod]
    public void The_defaults_point_at_the_Bot_Framework()
    {
        var options = new BotOptions();

        Assert.AreEqual(new Uri("https://login.botframework.com/v1/.well-known/openidconfiguration"), options.OpenIdMetadataUrl);
        Assert.AreEqual("smba.trafficmanager.net,*.botframework.com", string.Join(',', options.ServiceUrlHosts));
    }
}
