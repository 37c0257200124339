namespace GlueTeams.App.Cli;

/// <summary>--help for the app and each command, answered before any configuration is read.</summary>
public static class CommandHelp
{
    public const string Overview =
        "usage: GlueTeams.App [COMMAND] [--help]\n" +
        "  with no command: serves the bot (/api/messages), the tab and add-in API and the pages\n" +
        "commands:\n" +
        "  sync      reads users' weeks from the calendar into storage\n" +
        "  export    writes a user's promotion packet (Markdown and chart zipped, Word) and the records (CSV)\n" +
        "  classify  suggests categories for Graph events read from stdin\n" +
        "  purge     applies the retention policy now (--dry-run to count only)\n" +
        "settings come from appsettings.json, environment variables (Storage__ConnectionString) or --Section:Key=value";

    /// <summary>The help text when <paramref name="args"/> ask for it (--help, -h or -? anywhere); null otherwise.</summary>
    public static string? For(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (!args.Any(a => a is "--help" or "-h" or "-?"))
        {
            return null;
        }
        return args[0] switch
        {
            "sync" => SyncCommand.Usage,
            "export" => ExportCommand.Usage,
            "classify" => ClassifyCommand.Usage,
            "purge" => PurgeCommand.Usage,
            _ => Overview,
        };
    }
}
