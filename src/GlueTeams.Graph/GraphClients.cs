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

    public static GraphServiceClient Create(GraphOptions options, TokenCredential credential, GraphCounters counters) =>
        Create(options, credential, CreateHttpClient(counters));

    /// <summary>A client over <paramref name="httpClient"/>, which it does not own: many tenants' clients share one pipeline.</summary>
    public static GraphServiceClient Create(GraphOptions options, TokenCredential credential, HttpClient httpClient)
    {
        ArgumentNullException.ThrowIfNull(options);
        var host = new Uri(options.BaseUrl).Host;
        var authentication = new AzureIdentityAuthenticationProvider(credential, ["graph.microsoft.com", host], null, true, Scope);
        return new GraphServiceClient(httpClient, authentication, options.BaseUrl);
    }

    /// <summary>The HTTP pipeline every Graph request goes through: the SDK's handlers, more retries, and counting.</summary>
    public static HttpClient CreateHttpClient(GraphCounters counters)
    {
        var handlers = GraphClientFactory.CreateDefaultHandlers()
            .Select(h => h is RetryHandler ? new RetryHandler(new RetryHandlerOption { MaxRetry = MaxWholeRequestRetries }) : h)
            .Append(new CountingHandler(counters))
            .ToList();
        return GraphClientFactory.Create(handlers);
    }
}
