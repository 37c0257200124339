using GlueTeams.App.Bot;
using GlueTeams.App.Cli;
using GlueTeams.App.Extensions;
using GlueTeams.App.Notifications;
using GlueTeams.App.Sync;
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

var app = builder.Build();
if (args is ["sync" or "export", ..])
{
    // Commands run without the hosted services: create the tables and queues they use here.
    await app.Services.GetRequiredService<StorageStartup>().CreateAllAsync();
}
if (args is ["sync", ..])
{
    return await SyncCommand.RunAsync(args[1..], app.Services, Console.Out, Console.Error);
}
if (args is ["export", ..])
{
    return await ExportCommand.RunAsync(args[1..], app.Services, Console.Out, Console.Error);
}

// Live: the process answers. Ready: its storage answers too.
app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
app.MapBot();
app.MapGlueTabs();
if (app.Services.GetService<WorkQueue<SyncWorkItem>>() is not null)
{
    app.MapGraphNotifications();
}
await app.RunAsync();
return 0;

