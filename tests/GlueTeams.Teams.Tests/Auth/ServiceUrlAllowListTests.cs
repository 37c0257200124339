using GlueTeams.Teams.Auth;

namespace GlueTeams.Teams.Tests.Auth;

[TestClass]
public sealed class ServiceUrlAllowListTests
{
    private static readonly ServiceUrlAllowList Defaults = new(ServiceUrlAllowList.DefaultHosts);

    [TestMethod]
    [DataRow("https://smba.trafficmanager.net/amer/")]
    [DataRow("https://SMBA.trafficmanager.net/emea/")]
    [DataRow("https://europe.webchat.botframework.com/")]
    [DataRow("https://a.b.botframework.com")]
    public void Teams_connector_hosts_are_allowed(string url) => Assert.IsTrue(Defaults.IsAllowed(new Uri(url)));

    [TestMethod]
    [DataRow("https://evil.example/amer/")]
    [DataRow("https://botframework.com.evil.example/")]
    [DataRow("https://evilbotframework.com/")]
    [DataRow("https://smba.trafficmanager.net.evil.example/")]
    [DataRow("http://smba.trafficmanager.net/amer/")]
    [DataRow("https://user:pass@smba.trafficmanager.net/amer/")]
    [DataRow("http://localhost:56150/_connector")]
    [DataRow("http://127.0.0.1:56150/_connector")]
    public void Anything_else_is_refused(string url) => Assert.IsFalse(Defaults.IsAllowed(new Uri(url)));

    [TestMethod]
    public void Loopback_over_http_is_allowed_only_when_listed()
    {
        var list = new ServiceUrlAllowList(["localhost", "127.0.0.1"]);

        Assert.IsTrue(list.IsAllowed(new Uri("http://localhost:56150/_connector")));
        Assert.IsTrue(list.IsAllowed(new Uri("http://127.0.0.1:56150/_connector")));
        Assert.IsFalse(list.IsAllowed(new Uri("http://[::1]:56150/_connector")));
    }
}
