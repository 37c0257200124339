using GlueTeams.Simulator.Tokens;

// The simulated Microsoft 365 tenant as a process, for ./glue demo and benchmarks. Tests host it in-process.
var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
using var issuer = new DevTokenIssuer();
if (app.Environment.IsDevelopment())
{
    app.MapDevTokenIssuer(issuer, app.Configuration["Simulator:ApiAudience"] ?? "api://glueteams-dev");
}
app.MapGet("/healthz", () => "ok");
await app.RunAsync();

/// <summary>Internal, so that test projects referencing both the app and the simulator see one public Program: the app's.</summary>
internal sealed partial class Program;
