using GlueTeams.App.Cli;

if (args is ["classify", ..])
{
    return await ClassifyCommand.RunAsync(args[1..], Console.In, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/healthz", () => TypedResults.Ok("healthy"));
await app.RunAsync();
return 0;
