using GlueTeams.App.Bot;
using GlueTeams.App.Cli;
using GlueTeams.App.Demo;
using GlueTeams.Storage.Activities;
using GlueTeams.App.Extensions;
using GlueTeams.Storage;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

if (args is ["classify", ..])
{
    return await ClassifyCommand.RunAsync(args[1..], Console.In, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddGlueStorage();
builder.AddGlueBot();

var app = builder.Build();
await CreateTablesAsync(app);
if (app.Environment.IsDevelopment() && app.Configuration["Demo:TenantId"] is { Length: > 0 } demoTenant && app.Configuration["Demo:UserId"] is { Length: > 0 } demoUser)
{
    await DemoCalendar.SeedAsync(app.Services.GetRequiredService<ActivityStore>(), demoTenant, demoUser,
        TimeZoneInfo.FindSystemTimeZoneById(app.Configuration["Demo:TimeZone"] ?? "UTC"), TimeProvider.System.GetUtcNow());
}

// Live: the process answers. Ready: its storage answers too.
app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
app.MapBot();
await app.RunAsync();
return 0;

// Tables are created at start; if storage is down the app still starts, and /readyz says why it is not ready.
static async Task CreateTablesAsync(WebApplication app)
{
    try
    {
        await app.Services.GetRequiredService<GlueTables>().EnsureCreatedAsync();
    }
    catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException or AggregateException)
    {
        app.Logger.LogError(e, "Creating the tables failed; /readyz reports unhealthy until storage answers.");
    }
}
