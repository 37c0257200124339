using System.Net;
using GlueTeams.App.Extensions;
using Microsoft.Kiota.Abstractions;

namespace GlueTeams.App.Tests.Api;

[TestClass]
public sealed class DependencyFailureTests
{
    private static ApiException Graph(int status, string? retryAfter = null)
    {
        var e = new ApiException("Graph answered " + status) { ResponseStatusCode = status };
        if (retryAfter is not null)
        {
            e.ResponseHeaders["Retry-After"] = [retryAfter];
        }
        return e;
    }

    [TestMethod]
    public void Graph_failing_past_its_retries_is_a_Graph_outage_with_the_last_answers_wait()
    {
        var failure = DependencyFailure.Of(new AggregateException(Graph(503), new HttpRequestException("refused"), Graph(429, "7")));

        Assert.IsNotNull(failure, "every attempt failed for a dependency's reason: 503, not 500");
        Assert.AreEqual("Microsoft Graph", failure.Dependency);
        Assert.AreEqual(TimeSpan.FromSeconds(7), failure.RetryAfter);
    }

    [TestMethod]
    public void An_aggregate_holding_a_bug_stays_a_bug()
    {
        Assert.IsNull(DependencyFailure.Of(new AggregateException(Graph(503), new InvalidOperationException("a bug"))));
        Assert.IsNull(DependencyFailure.Of(new AggregateException(Graph(400))), "a refused request is not an outage");
    }

    [TestMethod]
    public void Storage_failing_past_its_retries_is_storage()
    {
        var failure = DependencyFailure.Of(new AggregateException(new Azure.RequestFailedException((int)HttpStatusCode.ServiceUnavailable, "busy")));

        Assert.AreEqual("Storage", failure?.Dependency);
    }
}
