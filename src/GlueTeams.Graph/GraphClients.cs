using Azure.Core;
using GlueTeams.Graph.Http;
using Microsoft.Graph;
using Microsoft.Kiota.Authentication.Azure;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;

namespace GlueTeams.Graph;

/// <summary>
/// Builds the GraphServiceClient: the SDK's default pipeline with its retry handler allowed more attempts (it honours
/// Retry-After on 429/503/504 for whole requests), a counting handler on the wire, and an authentication provider
/// whose allowed hosts include the configured host — without that, a non-Microsoft host (the simulator) silently gets
/// no Authorization header.
/// </summary>
public static class GraphClients
{
    public const string Scope = "https://graph.microsoft.com/.default";
    private const int MaxWholeRequestRetries = 10;

    public static GraphServiceClient Create(GraphOptions options, TokenCredential credential, GraphCounters counters)
    {
        ArgumentNullException.ThrowIfNull(options);
        var handlers = GraphClientFactory.CreateDefaultHandlers()
            .Select(h => h is RetryHandler ? new RetryHandler(new RetryHandlerOption { MaxRetry = MaxWholeRequestRetries }) : h)
            .Append(new CountingHandler(counters))
            .ToList();
        var httpClient = GraphClientFactory.Create(handlers);
        var host = new Uri(options.BaseUrl).Host;
        var authentication = new AzureIdentityAuthenticationProvider(credential, ["graph.microsoft.com", host], null, true, Scope);
        return new GraphServiceClient(httpClient, authentication, options.BaseUrl);
    }
}
