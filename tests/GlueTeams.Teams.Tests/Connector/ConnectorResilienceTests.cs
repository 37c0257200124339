using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.CircuitBreaker;

namespace GlueTeams.Teams.Tests.Connector;

[TestClass]
public sealed class ConnectorResilienceTests
{
    private static async Task<bool> OpensTheCircuitAsync(Outcome<HttpResponseMessage> outcome)
    {
        var options = new HttpStandardResilienceOptions();
        TeamsProtocolExtensions.ConfigureConnectorResilience(options, TimeSpan.FromSeconds(10));
        var context = ResilienceContextPool.Shared.Get();
        try
        {
            return await options.CircuitBreaker.ShouldHandle(new CircuitBreakerPredicateArguments<HttpResponseMessage>(context, outcome));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    [TestMethod]
    public async Task A_429_paces_the_sender_and_never_counts_toward_opening_the_circuit()
    {
        using var throttled = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        using var unavailable = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        using var ok = new HttpResponseMessage(HttpStatusCode.OK);
        using var forbidden = new HttpResponseMessage(HttpStatusCode.Forbidden);

        Assert.IsFalse(await OpensTheCircuitAsync(Outcome.FromResult(throttled)), "429: the connector pacing us");
        Assert.IsTrue(await OpensTheCircuitAsync(Outcome.FromResult(unavailable)), "503: the connector failing");
        Assert.IsTrue(await OpensTheCircuitAsync(Outcome.FromException<HttpResponseMessage>(new HttpRequestException("refused"))));
        Assert.IsFalse(await OpensTheCircuitAsync(Outcome.FromResult(ok)));
        Assert.IsFalse(await OpensTheCircuitAsync(Outcome.FromResult(forbidden)), "a permanent refusal is the outbox's to handle");
    }
}
