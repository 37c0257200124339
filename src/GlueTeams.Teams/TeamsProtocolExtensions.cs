using GlueTeams.Teams.Auth;
using GlueTeams.Teams.Connector;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

namespace GlueTeams.Teams;

public static class TeamsProtocolExtensions
{
    /// <summary>
    /// Binds and validates Bot:* on start, and registers <see cref="BotTokenValidator"/>, <see cref="ConnectorClient"/>
    /// (a typed HttpClient) and the MSAL token source.
    /// </summary>
    public static IHostApplicationBuilder AddTeamsProtocol(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<BotOptions>().BindConfiguration(BotOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BotOptions>, BotOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new ServiceUrlAllowList(sp.GetRequiredService<IOptions<BotOptions>>().Value.ServiceUrlHosts));
        services.AddSingleton<IConnectorTokenSource, MsalConnectorTokenSource>();
        services.AddHttpClient(nameof(BotTokenValidator));
        services.AddSingleton(sp => new BotTokenValidator(
            sp.GetRequiredService<IOptions<BotOptions>>(),
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(BotTokenValidator)),
            sp.GetRequiredService<TimeProvider>()));
        var attemptTimeout = builder.Configuration.GetSection(BotOptions.Section).GetValue(nameof(BotOptions.ConnectorAttemptTimeout), new BotOptions().ConnectorAttemptTimeout);
        services.AddConnectorClient(attemptTimeout);
        return builder;
    }

    /// <summary>
    /// The <see cref="ConnectorClient"/> as a typed HttpClient: the resilience pipeline outside, and inside it, per try
    /// on the wire, a slot from the shared <see cref="SendRateLimiter"/> (a retry waits for its slot like a first try).
    /// </summary>
    public static IHttpClientBuilder AddConnectorClient(this IServiceCollection services, TimeSpan attemptTimeout)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SendRateLimiter>();
        services.TryAddTransient<SendRateLimitHandler>();
        var client = services.AddHttpClient<ConnectorClient>();
        client.AddStandardResilienceHandler(options => ConfigureConnectorResilience(options, attemptTimeout));
        return client.AddHttpMessageHandler<SendRateLimitHandler>(); // added after: inner, so it runs for every attempt
    }

    /// <summary>
    /// Short retries within one call: up to 3, jittered exponential from 250 ms, for transient statuses whose
    /// Retry-After (if any) is at most <see cref="MaxInCallRetryAfter"/>, and for timeouts and connection failures.
    /// A longer Retry-After is left to the caller (the outbox waits it out on the queue, not in a thread).
    /// </summary>
    public static void ConfigureConnectorResilience(HttpStandardResilienceOptions options, TimeSpan attemptTimeout)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AttemptTimeout.Timeout = attemptTimeout;
        options.TotalRequestTimeout.Timeout = attemptTimeout * 4;
        options.CircuitBreaker.SamplingDuration = attemptTimeout * 3;
        // 429 is the connector pacing us (Retry-After), not a sign that it is down: it must not open the circuit and
        // stop every send for the break's duration, which in the weekly fan-out re-queued hundreds of cards.
        options.CircuitBreaker.ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
        {
            { Exception: HttpRequestException or TimeoutRejectedException } => true,
            { Result: { } response } => response.StatusCode != System.Net.HttpStatusCode.TooManyRequests && ConnectorClient.IsTransient(response.StatusCode),
            _ => false,
        });
        options.Retry.MaxRetryAttempts = 3;
        options.Retry.Delay = TimeSpan.FromMilliseconds(250);
        options.Retry.MaxDelay = MaxInCallRetryAfter;
        options.Retry.BackoffType = DelayBackoffType.Exponential;
        options.Retry.UseJitter = true;
        options.Retry.ShouldRetryAfterHeader = true;
        options.Retry.ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
        {
            { Exception: HttpRequestException or TimeoutRejectedException } => true,
            { Result: { } response } => ConnectorClient.IsTransient(response.StatusCode)
                && (response.Headers.RetryAfter?.Delta ?? TimeSpan.Zero) <= MaxInCallRetryAfter,
            _ => false,
        });
    }

    /// <summary>The longest Retry-After waited out inside one call.</summary>
    public static readonly TimeSpan MaxInCallRetryAfter = TimeSpan.FromSeconds(3);
}
