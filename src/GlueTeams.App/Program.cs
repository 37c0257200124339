using GlueTeams.App.Bot;
using GlueTeams.App.Cli;
using GlueTeams.App.Extensions;
using GlueTeams.App.Notifications;
using GlueTeams.App.Sync;
using GlueTeams.Storage.Queues;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

if (CommandHelp.For(args) is { } help)
{
    Console.Out.WriteLine(help);
    return 0;
}
if (args is ["classify", ..])
{
    return await ClassifyCommand.RunAsync(args[1..], Console.In, Console.Out, Console.Error);
}

var command = args is ["sync" or "export" or "purge", ..] ? args[0] : null;
WebApplication app;
try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddGlueTelemetry();
    builder.AddGlueStorage();
    builder.AddGlueSync();
    if (command is null)
    {
        builder.AddGlueBot();
        builder.AddGlueTabs();
        builder.AddGlueStore();
    }
    else
    {
        // A command needs storage (and Graph to sync), not the bot's or the tabs' settings.
        builder.Services.AddGluePacket();
    }
    app = builder.Build();
}
catch (InvalidOperationException e) // a setting the binder cannot convert, named in the message
{
    Console.Error.WriteLine("GlueTeams cannot start: " + e.Message);
    return 2;
}
// Every setting is checked before anything is built from it: a bad one is one line naming it, never a stack trace.
if (!Settings.Check(app.Services, Console.Error))
{
    return 2;
}
if (command is not null)
{
    // Commands run without the hosted services: create the tables and queues they use here.
    try
    {
        await app.Services.GetRequiredService<StorageStartup>().CreateAllAsync();
    }
    catch (Exception e) when (DependencyFailure.IsStorage(e))
    {
        Console.Error.WriteLine("Storage is not answering: check Storage:ConnectionString (or Storage:TableEndpoint) and that the account is reachable.");
        return 1;
    }
}
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
app.MapGlueTenancy();
if (app.Services.GetService<WorkQueue<SyncWorkItem>>() is not null)
{
    app.MapGraphNotifications();
}
await app.RunAsync();
return 0;
