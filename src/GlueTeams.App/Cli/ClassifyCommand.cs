using GlueTeams.Graph.Calendars;
using System.Text.Encodings.Web;
using System.Text.Json;
using GlueTeams.Core.Categories;
using GlueTeams.Core.Suggestions;

namespace GlueTeams.App.Cli;

/// <summary>
/// <c>classify --user UPN [--manager UPN] [--history FILE]</c>: Graph events in as JSON lines on stdin, one suggestion per
/// line out, in input order. Bad lines are reported on stderr and skipped. Exit code 0 all good, 1 some bad, 2 usage.
/// </summary>
public static class ClassifyCommand
{
    public const string Usage = "usage: classify --user UPN [--manager UPN] [--history FILE]\n" +
        "  reads Graph event objects as JSON lines on stdin, writes {\"id\",\"category\",\"confidence\",\"reason\"} lines on stdout;\n" +
        "  --history: earlier confirmations as JSON lines {\"seriesMasterId\"?, \"subject\", \"category\"}";

    private static readonly JsonSerializerOptions s_output = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public sealed record Output(string Id, string Category, double Confidence, string Reason);

    private sealed record Options(string User, string? Manager, string? HistoryPath);

    public static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (ParseOptions(args, out var problem) is not { } options)
        {
            await error.WriteLineAsync($"classify: {problem}\n{Usage}");
            return 2;
        }
        if (options.HistoryPath is not null && !File.Exists(options.HistoryPath))
        {
            await error.WriteLineAsync($"classify: history file not found: {options.HistoryPath}\n{Usage}");
            return 2;
        }
        var allGood = true;
        var confirmations = new List<PastConfirmation>();
        if (options.HistoryPath is not null)
        {
            using var history = File.OpenText(options.HistoryPath);
            allGood = await ReadHistoryAsync(history, confirmations, error);
        }
        var context = new SuggestionContext(options.User, options.Manager, new ConfirmationHistory(confirmations),
            TenantModel.Train(confirmations.Select(c => (c.Subject, c.CategoryId))));

        await foreach (var line in JsonLines.ReadAsync(input))
        {
            if (line.Text is null)
            {
                allGood = false;
                await error.WriteLineAsync($"line {line.Number}: longer than {JsonLines.MaxLineChars} characters; skipped");
                continue;
            }
            if (string.IsNullOrWhiteSpace(line.Text))
            {
                continue;
            }
            try
            {
                using var document = JsonDocument.Parse(line.Text);
                var calendarEvent = GraphEventJson.Parse(document.RootElement);
                var suggestion = SuggestionEngine.Suggest(calendarEvent, context);
                await output.WriteLineAsync(JsonSerializer.Serialize(
                    new Output(calendarEvent.Id, suggestion.CategoryId, suggestion.Confidence, suggestion.Reason), s_output));
            }
            catch (Exception e) when (e is JsonException or FormatException)
            {
                allGood = false;
                await error.WriteLineAsync($"line {line.Number}: {Describe(e)}; skipped");
            }
        }
        return allGood ? 0 : 1;
    }

    private static async Task<bool> ReadHistoryAsync(TextReader reader, List<PastConfirmation> confirmations, TextWriter error)
    {
        var allGood = true;
        await foreach (var line in JsonLines.ReadAsync(reader))
        {
            if (string.IsNullOrWhiteSpace(line.Text) && line.Text is not null)
            {
                continue;
            }
            var problem = line.Text is null ? $"longer than {JsonLines.MaxLineChars} characters" : null;
            try
            {
                if (line.Text is not null)
                {
                    confirmations.Add(ParseConfirmation(line.Text));
                }
            }
            catch (Exception e) when (e is JsonException or FormatException)
            {
                problem = Describe(e);
            }
            if (problem is not null)
            {
                allGood = false;
                await error.WriteLineAsync($"history line {line.Number}: {problem}; skipped");
            }
        }
        return allGood;
    }

    private static string Describe(Exception e) => e is JsonException ? $"malformed JSON ({e.Message})" : e.Message;

    private static PastConfirmation ParseConfirmation(string text)
    {
        using var document = JsonDocument.Parse(text);
        var json = document.RootElement;
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("expected a JSON object");
        }
        string? Get(string name) => json.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var subject = Get("subject") ?? throw new FormatException("missing subject");
        var category = Get("category");
        if (!GlueCategories.TryGet(category, out _))
        {
            throw new FormatException($"unknown category '{category}'");
        }
        return new PastConfirmation(Get("seriesMasterId"), subject, category!);
    }

    private static Options? ParseOptions(string[] args, out string? problem)
    {
        string? user = null, manager = null, history = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is not ("--user" or "--manager" or "--history"))
            {
                problem = $"unknown argument '{args[i]}'";
                return null;
            }
            if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                problem = $"{args[i]} needs a value";
                return null;
            }
            var value = args[++i];
            switch (args[i - 1])
            {
                case "--user": user = value; break;
                case "--manager": manager = value; break;
                default: history = value; break;
            }
        }
        problem = user is null ? "--user is required" : null;
        return user is null ? null : new Options(user, manager, history);
    }
}
