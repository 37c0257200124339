namespace GlueTeams.Graph.Http;

/// <summary>The innermost handler of the Graph pipeline: sees every attempt the SDK's retry handler makes.</summary>
internal sealed class CountingHandler(GraphCounters counters) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        counters.RequestSent();
        var response = await base.SendAsync(request, cancellationToken);
        if (GraphRetry.IsTransient((int)response.StatusCode))
        {
            counters.Throttled();
        }
        return response;
    }
}
