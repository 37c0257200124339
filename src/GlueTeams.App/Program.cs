using GlueTeams.App.Bot;
using GlueTeams.App.Cli;
using GlueTeams.App.Extensions;
using GlueTeams.App.Notifications;
using GlueTeams.App.Sync;
using GlueTeams.Storage;
using GlueTeams.Storage.Queues;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

if (args is ["classify", ..])
{
    return await ClassifyCommand.RunAsync(args[1..], Console.In, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddGlueTelemetry();
builder.AddGlueStorage();
builder.AddGlueSync();
builder.AddGlueBot();
builder.AddGlueTabs();
builder.AddGlueStore();

var app = builder.Build();
await CreateTablesAsync(app);
if (args is ["sync", ..])
{
    return await SyncCommand.RunAsync(args[1..], app.Services, Console.Out, Console.Error);
}
if (args is ["export", ..])
{
    return await ExportCommand.RunAsync(args[1..], app.Services, Console.Out, Console.Error);
}
if (args is ["purge", ..])
{
    return await PurgeCommand.RunAsync(args[1..], app.Services, Console.Out, Console.Error);
}

// Live: the process answers. Ready: its storage answers too.
app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
app.MapBot();
app.MapGlueTabs();
app.MapGlueStore();
if (app.Services.GetService<WorkQueue<SyncWorkItem>>() is not null)
{
    app.MapGraphNotifications();
}
await app.RunAsync();
return 0;

// Tables are created at start; if storage is down the app still starts, and /readyz says why it is not ready.
static async Task CreateTablesAsync(WebApplication app)
{
    try
    {
        await app.Services.GetRequiredService<GlueTables>().EnsureCreatedAsync();
        if (app.Services.GetService<WorkQueue<SyncWorkItem>>() is { } syncQueue)
        {
            await syncQueue.EnsureCreatedAsync();
        }
    }
    catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException or AggregateException)
    {
        app.Logger.LogError(e, "Creating the tables failed; /readyz reports unhealthy until storage answers.");
    }
}
