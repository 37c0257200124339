using System.Net;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace GlueTeams.Simulator.Tests.Subscriptions;

/// <summary>A webhook endpoint on a loopback port: echoes validation tokens (unless told not to) and keeps notifications.</summary>
internal sealed class NotificationReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<JsonObject> _notifications = Channel.CreateUnbounded<JsonObject>();

    private NotificationReceiver(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }
    public bool EchoValidationToken { get; set; } = true;
    public int ValidationRequests { get; private set; }

    public static async Task<NotificationReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        NotificationReceiver? receiver = null;
        app.MapPost("/notifications", async (HttpRequest request, string? validationToken) =>
        {
            if (validationToken is not null)
            {
                receiver!.ValidationRequests++;
                return receiver.EchoValidationToken ? Results.Text(validationToken, "text/plain") : Results.Ok();
            }
            receiver!._notifications.Writer.TryWrite((await JsonNode.ParseAsync(request.Body))!.AsObject());
            return Results.Accepted();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver = new NotificationReceiver(app, new Uri(address.TrimEnd('/') + "/notifications"));
        return receiver;
    }

    public async Task<JsonObject> NextNotificationAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await _notifications.Reader.ReadAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
