using System.Globalization;
using GlueTeams.App.Extensions;
using Microsoft.AspNetCore.Http.Timeouts;

namespace GlueTeams.App.Api;

/// <summary>
/// The API routes' answer when Graph or storage cannot serve a request: 503 with Retry-After and problem details,
/// never a 500 or a request held for as long as a dependency's retries last.
/// </summary>
public static partial class DependencyProblems
{
    /// <summary>Request timeouts for the API routes: past <see cref="WaitOptions.ApiRequest"/>, a 503 like any other outage.</summary>
    public static IServiceCollection AddApiRequestTimeouts(this IServiceCollection services)
    {
        services.AddWaits().AddRequestTimeouts();
        services.AddOptions<RequestTimeoutOptions>().Configure<WaitOptions>((o, waits) => o.DefaultPolicy = new RequestTimeoutPolicy
        {
            Timeout = waits.ApiRequest,
            TimeoutStatusCode = StatusCodes.Status503ServiceUnavailable,
            WriteTimeoutResponse = context => WriteAsync(context, new DependencyFailure("A service GlueTeams depends on", DependencyFailure.DefaultRetryAfter)),
        });
        return services;
    }

    /// <summary>Middleware: maps a dependency's failure (see <see cref="DependencyFailure.Of"/>) to 503; anything else propagates.</summary>
    public static async Task MapFailuresAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            await next(context);
        }
        catch (Exception e) when (!context.Response.HasStarted && DependencyFailure.Of(e, context.RequestAborted.IsCancellationRequested, context.RequestServices.GetService<TimeProvider>()) is { } failure)
        {
            LogUnavailable(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DependencyProblems)),
                (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "an API route", failure.Dependency, e.GetType().Name);
            if (DependencyFailure.IsMissingResource(e))
            {
                context.RequestServices.GetRequiredService<StorageStartup>().ReportMissing();
            }
            context.Response.Clear();
            await WriteAsync(context, failure);
        }
    }

    private static Task WriteAsync(HttpContext context, DependencyFailure failure)
    {
        var seconds = (int)Math.Ceiling(failure.RetryAfter.TotalSeconds);
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            $"{failure.Dependency} is not answering right now, so this request could not be served. Try again in {seconds} seconds.",
            statusCode: StatusCodes.Status503ServiceUnavailable, title: "Temporarily unavailable").ExecuteAsync(context);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Route} answered 503: {Dependency} failed ({Exception}).")]
    private static partial void LogUnavailable(ILogger logger, string route, string dependency, string exception);
}
