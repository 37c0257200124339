using System.Buffers;

namespace GlueTeams.App.Extensions;

/// <summary>
/// The one request-body limiter, for the bot, Graph's notifications and the tab API alike. A body over the limit is
/// refused with 413 and problem details before any endpoint sees it, whether it says its length or comes chunked without
/// one; only limit + 1 bytes are ever read. A body within the limit is handed on in memory, so that an endpoint reads
/// it as usual.
/// </summary>
public static class RequestBodyLimit
{
    /// <summary>Limits the bodies of requests whose path <paramref name="applies"/> to <paramref name="maxBytes"/>.</summary>
    public static IApplicationBuilder UseBodyLimit(this IApplicationBuilder app, Func<PathString, bool> applies, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(applies);
        return app.UseWhen(context => applies(context.Request.Path), branch => branch.Use((context, next) => LimitAsync(context, next, maxBytes)));
    }

    /// <summary>Limits the bodies of requests to <paramref name="path"/> (and below it) to <paramref name="maxBytes"/>.</summary>
    public static IApplicationBuilder UseBodyLimit(this IApplicationBuilder app, PathString path, long maxBytes) =>
        app.UseBodyLimit(p => p.StartsWithSegments(path, StringComparison.OrdinalIgnoreCase), maxBytes);

    public static async Task LimitAsync(HttpContext context, RequestDelegate next, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.Request.ContentLength > maxBytes)
        {
            await RefuseAsync(context, maxBytes);
            return;
        }
        if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } serverLimit)
        {
            serverLimit.MaxRequestBodySize = maxBytes;
        }
        var body = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while (body.Length <= maxBytes && (read = await context.Request.Body.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, maxBytes + 1 - body.Length)), context.RequestAborted)) > 0)
            {
                body.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            body.SetLength(maxBytes + 1); // the server counted past the limit first
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        if (body.Length > maxBytes)
        {
            await RefuseAsync(context, maxBytes);
            return;
        }
        body.Position = 0;
        context.Request.Body = body;
        context.Response.RegisterForDispose(body);
        await next(context);
    }

    private static Task RefuseAsync(HttpContext context, long maxBytes) =>
        TypedResults.Problem($"The request body is larger than {maxBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request body too large")
            .ExecuteAsync(context);
}
