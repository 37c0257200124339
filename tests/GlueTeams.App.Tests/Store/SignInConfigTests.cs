using GlueTeams.App.Auth;

namespace GlueTeams.App.Tests.Store;

/// <summary>/auth/config: the app id and API scope the consent window, nested app authentication and the dialog ask for.</summary>
[TestClass]
public sealed class SignInConfigTests
{
    private const string AppId = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";

    [TestMethod]
    public void The_app_id_comes_from_Tabs_ClientId_or_the_audience_and_the_scope_is_access_as_user()
    {
        Assert.AreEqual(new SignInPages.SignInConfig(AppId, $"api://glue.contoso.com/{AppId}/access_as_user"),
            SignInPages.ConfigOf(new TabsOptions { Audience = $"api://glue.contoso.com/{AppId}" }));
        Assert.AreEqual(new SignInPages.SignInConfig(AppId, "api://glueteams-test/access_as_user"),
            SignInPages.ConfigOf(new TabsOptions { Audience = "api://glueteams-test/", ClientId = AppId }));
    }

    [TestMethod]
    public void Without_an_audience_or_an_app_id_there_is_no_config()
    {
        Assert.IsNull(SignInPages.ConfigOf(new TabsOptions()));
        Assert.IsNull(SignInPages.ConfigOf(new TabsOptions { Audience = "api://glueteams-test" }));
        Assert.IsNull(SignInPages.ConfigOf(new TabsOptions { Audience = "api://glueteams-test", ClientId = "not-a-guid" }));
    }
}
