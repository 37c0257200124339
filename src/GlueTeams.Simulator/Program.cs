using GlueTeams.Simulator;
using GlueTeams.Simulator.Api;
using GlueTeams.Simulator.Connector;
using GlueTeams.Simulator.Tokens;

// The simulated Microsoft 365 tenant as a process, for ./glue demo and benchmarks. Tests host it in-process (SimulatorHost).
var builder = WebApplication.CreateBuilder(args);
var options = builder.Configuration.GetSection("Simulator").Get<SimulatorOptions>() ?? new SimulatorOptions();
var app = builder.Build();
// Development: "now" may start at Clock:StartAt, as the app's does (tests pin both to the same mid-week instant).
TimeProvider time = app.Environment.IsDevelopment() && builder.Configuration.GetValue<DateTimeOffset?>("Clock:StartAt") is { } start
    ? new GlueTeams.Core.Time.StartedClock(start)
    : TimeProvider.System;
await using var tenant = new SimulatedTenant(options, time);
await using var second = new SimulatedTenant(options, time, GlueTeams.Simulator.Org.SimulatedOrg.SecondTenantId);
var issuer = new DevTokenIssuer();
app.MapGraphSimulator([tenant, second], issuer);
// The Bot Connector too, so that the demo and the fan-out benchmark can send to http://HOST/connector/ with faults.
var connector = new SimulatedConnector(options.Seed, time) { TenantRateLimit = builder.Configuration.GetValue("Connector:TenantRateLimit", 50) };
app.MapConnectorSimulator(connector);
if (app.Environment.IsDevelopment())
{
    app.MapDevTokenIssuer(issuer, options.ApiAudience, [tenant, second]);
}
app.MapGet("/healthz", () => "ok");
await app.RunAsync();

/// <summary>Internal, so that test projects referencing both the app and the simulator see one public Program: the app's.</summary>
internal sealed partial class Program;
