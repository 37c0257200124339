using GlueTeams.App.Retention;

namespace GlueTeams.App.Cli;

/// <summary>
/// <c>purge [--dry-run] [--tenant ID]</c>: the daily retention purge by hand, for every tenant with data (or one).
/// Prints one line of counts per tenant; <c>--dry-run</c> counts what would go and deletes nothing. Exit code 2 on a
/// usage error.
/// </summary>
public static class PurgeCommand
{
    public const string Usage =
        "usage: purge [--dry-run] [--tenant TENANT_ID]\n" +
        "  applies the retention policy now (Retention:* settings): unconfirmed suggestions, confirmed records and delivery\n" +
        "  claims past their age, and rows an erasure left; prints counts per tenant. --dry-run counts and deletes nothing.";

    public static async Task<int> RunAsync(string[] args, IServiceProvider services, TextWriter output, TextWriter errors, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        var dryRun = false;
        string? tenant = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--dry-run":
                    dryRun = true;
                    break;
                case "--tenant" when i + 1 < args.Length && GlueTeams.Core.Validation.SafeIds.IsSafe(args[i + 1]):
                    tenant = args[++i];
                    break;
                default:
                    await errors.WriteLineAsync($"Unexpected argument '{args[i]}'.\n{Usage}");
                    return 2;
            }
        }
        var results = await services.GetRequiredService<RetentionRun>().RunAsync(dryRun, tenant, cancellationToken);
        foreach (var result in results)
        {
            await output.WriteLineAsync($"{result.TenantId}: {(dryRun ? "would remove" : "removed")} {result.Counts}");
        }
        await output.WriteLineAsync($"{results.Count} tenant{(results.Count == 1 ? "" : "s")}{(dryRun ? " (dry run: nothing was deleted)" : "")}");
        return 0;
    }
}
