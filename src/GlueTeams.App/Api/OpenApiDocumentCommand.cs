using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace GlueTeams.App.Api;

/// <summary>
/// <c>openapi FILE</c>: writes the API's OpenAPI document, as /openapi/v1.json serves it, without a server: the web build
/// generates its TypeScript types from it (./glue), so a renamed C# property fails <c>tsc</c>.
/// </summary>
public static class OpenApiDocumentCommand
{
    public const string Usage =
        "usage: GlueTeams.App openapi FILE\n" +
        "  writes the tab and add-in API's OpenAPI document (what /openapi/v1.json serves) to FILE; needs no settings:\n" +
        "  the app is built with placeholders and never started, so nothing is contacted";

    /// <summary>
    /// Placeholders under which every route of the API is mapped (the tab API needs an audience, the tag API a Graph
    /// tenant); the app is built, never started, so none of them is contacted.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Storage:ConnectionString"] = "UseDevelopmentStorage=true",
        ["Tabs:Audience"] = "api://glueteams-openapi",
        ["Graph:TenantId"] = "00000000-0000-0000-0000-000000000001",
        ["Graph:UseManagedIdentity"] = "true",
        ["Graph:Enabled"] = "true",
        ["Bot:AppId"] = "00000000-0000-0000-0000-000000000002",
        ["Bot:UseManagedIdentity"] = "true",
        ["Sync:RunWorker"] = "false",
        ["Logging:LogLevel:Default"] = "Error", // the pages' wwwroot is not needed, and not built yet
    };

    public static async Task<int> RunAsync(string[] args, WebApplication app, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(error);
        if (args is not [var file, ..] || file.StartsWith('-'))
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }
        // What starting the app would do: hand the mapped routes to routing, where the document reads them.
        app.UseRouting();
        app.UseEndpoints(_ => { });
        var document = await app.Services.GetRequiredKeyedService<IOpenApiDocumentProvider>("v1").GetOpenApiDocumentAsync();
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        await using var stream = File.Create(file);
        await document.SerializeAsJsonAsync(stream, OpenApiSpecVersion.OpenApi3_1);
        return 0;
    }
}
