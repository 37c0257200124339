using System.Globalization;
using GlueTeams.App.Export;
using GlueTeams.Core.Weeks;
using GlueTeams.Graph;
using GlueTeams.Storage.Users;

namespace GlueTeams.App.Cli;

/// <summary>
/// <c>export --user UPN --from DATE --to DATE --out DIR [--tenant ID] [--level LEVEL] [--private yes]</c>: writes what the
/// tab exports for the ISO weeks containing the two dates: the promotion packet as Markdown with its chart (a zip) and
/// as Word, evidence grouped for the ladder level, the private section only with <c>--private yes</c>, and the CSV of
/// the records. Exit code 1 for an unknown user, 2 on a usage error.
/// </summary>
public static class ExportCommand
{
    public const string Usage = "usage: export --user UPN --from YYYY-MM-DD --to YYYY-MM-DD --out DIR [--tenant TENANT_ID] [--level LEVEL] [--private yes]";

    public sealed record Arguments(string Upn, DateOnly From, DateOnly To, string OutputDirectory, string? Tenant, string? Level = null, bool IncludePrivate = false);

    public static async Task<int> RunAsync(string[] args, IServiceProvider services, TextWriter output, TextWriter errors, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        if (!TryParse(args, out var arguments, out var problem))
        {
            await errors.WriteLineAsync(problem + "\n" + Usage);
            return 2;
        }
        var packet = services.GetRequiredService<PromotionPacket>();
        if (packet.LevelProblem(arguments.Level) is { } levelProblem)
        {
            await errors.WriteLineAsync(levelProblem.Replace("'level'", "--level", StringComparison.Ordinal) + "\n" + Usage);
            return 2;
        }
        var tenant = arguments.Tenant ?? services.GetService<GraphOptions>()?.TenantId;
        if (string.IsNullOrEmpty(tenant))
        {
            await errors.WriteLineAsync("Which tenant? Pass --tenant or set Graph:TenantId.\n" + Usage);
            return 2;
        }
        UserProfile? user = null;
        await foreach (var profile in services.GetRequiredService<UserStore>().ListAsync(tenant, cancellationToken))
        {
            if (string.Equals(profile.UserPrincipalName, arguments.Upn, StringComparison.OrdinalIgnoreCase))
            {
                user = profile;
                break;
            }
        }
        if (user is null)
        {
            await errors.WriteLineAsync($"No user {arguments.Upn} in tenant {tenant} (has the app been installed?).");
            return 1;
        }
        Directory.CreateDirectory(arguments.OutputDirectory);
        foreach (var format in Enum.GetValues<ExportFormat>())
        {
            var request = new PacketRequest(IsoWeek.FromDate(arguments.From), IsoWeek.FromDate(arguments.To), format, arguments.Level, arguments.IncludePrivate);
            var file = await packet.ExportAsync(tenant, user.UserId, request, cancellationToken);
            var path = Path.Combine(arguments.OutputDirectory, file.FileName);
            await File.WriteAllBytesAsync(path, file.Content, cancellationToken);
            await output.WriteLineAsync(path);
        }
        return 0;
    }

    public static bool TryParse(string[] args, out Arguments arguments, out string problem)
    {
        ArgumentNullException.ThrowIfNull(args);
        arguments = new Arguments("", default, default, "", null);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length || args[i] is not ("--user" or "--from" or "--to" or "--out" or "--tenant" or "--level" or "--private"))
            {
                problem = $"Unexpected argument '{args[i]}'.";
                return false;
            }
            values[args[i]] = args[i + 1];
        }
        problem = "";
        if (!values.TryGetValue("--user", out var upn) || !values.TryGetValue("--out", out var directory))
        {
            problem = "--user and --out are required.";
        }
        else if (!TryDate(values, "--from", out var from) || !TryDate(values, "--to", out var to))
        {
            problem = "--from and --to must be dates such as 2026-01-31.";
        }
        else if (from > to)
        {
            problem = "--from is after --to.";
        }
        else if (to.DayNumber - from.DayNumber > 2 * 366)
        {
            problem = "The range covers at most two years.";
        }
        else if (values.GetValueOrDefault("--private") is { } include && include is not ("yes" or "no"))
        {
            problem = "--private must be yes or no.";
        }
        else
        {
            arguments = new Arguments(upn, from, to, directory, values.GetValueOrDefault("--tenant"), values.GetValueOrDefault("--level"), values.GetValueOrDefault("--private") == "yes");
        }
        return problem.Length == 0;
    }

    private static bool TryDate(Dictionary<string, string> values, string key, out DateOnly date)
    {
        date = default;
        return values.TryGetValue(key, out var text) && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }
}
