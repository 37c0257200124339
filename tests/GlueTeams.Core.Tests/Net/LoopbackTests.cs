using GlueTeams.Core.Net;

namespace GlueTeams.Core.Tests.Net;

[TestClass]
public sealed class LoopbackTests
{
    [TestMethod]
    [DataRow("127.0.0.1")]
    [DataRow("127.0.0.2")]
    [DataRow("127.255.255.254")]
    [DataRow("::1")]
    [DataRow("[::1]")]
    [DataRow("::ffff:127.0.0.1")]
    [DataRow("localhost")]
    [DataRow("localhost.")]
    [DataRow("LocalHost")]
    public void Loopback_addresses_are_recognised_by_their_parsed_address(string host) =>
        Assert.IsTrue(Loopback.IsLoopbackHost(host), host);

    [TestMethod]
    [DataRow("10.0.0.1")]
    [DataRow("0.0.0.0")]
    [DataRow("128.0.0.1")]
    [DataRow("localhost.evil.example")]
    [DataRow("127.0.0.1.evil.example")]
    [DataRow("my-localhost")]
    [DataRow("graph.microsoft.com")]
    public void Other_hosts_are_not_loopback(string host) =>
        Assert.IsFalse(Loopback.IsLoopbackHost(host), host);

    [TestMethod]
    public void Plain_http_is_allowed_only_to_loopback_in_Development()
    {
        Assert.IsNull(Loopback.HttpsProblem("Graph:BaseUrl", new Uri("https://graph.microsoft.com/v1.0"), isDevelopment: false));
        Assert.IsNull(Loopback.HttpsProblem("Graph:BaseUrl", new Uri("http://127.0.0.2:5010/v1.0"), isDevelopment: true));
        StringAssert.StartsWith(Loopback.HttpsProblem("Graph:BaseUrl", new Uri("http://127.0.0.1:5010/v1.0"), isDevelopment: false), "Graph:BaseUrl must be an https URL");
        StringAssert.StartsWith(Loopback.HttpsProblem("Graph:BaseUrl", new Uri("http://localhost.evil.example/v1.0"), isDevelopment: true), "Graph:BaseUrl must be an https URL");
    }

    [TestMethod]
    public void Development_only_urls_are_refused_elsewhere_and_off_loopback()
    {
        Assert.IsNull(Loopback.DevelopmentOnlyProblem("Tabs:DevTokenUrl", null, isDevelopment: false));
        Assert.IsNull(Loopback.DevelopmentOnlyProblem("Tabs:DevTokenUrl", new Uri("http://localhost.:5010/dev/token"), isDevelopment: true));
        StringAssert.StartsWith(Loopback.DevelopmentOnlyProblem("Tabs:DevTokenUrl", new Uri("http://127.0.0.1:5010/dev/token"), isDevelopment: false),
            "Tabs:DevTokenUrl is allowed only in Development");
        StringAssert.StartsWith(Loopback.DevelopmentOnlyProblem("Tabs:DevTokenUrl", new Uri("http://10.1.2.3/dev/token"), isDevelopment: true),
            "Tabs:DevTokenUrl must be on a loopback address");
    }
}
