using System.Globalization;
using System.Text.RegularExpressions;

namespace GlueTeams.Core.Validation;

/// <summary>Glue work that was not a meeting, as the user logged it: how long, what it was, and the artifact's link.</summary>
public sealed record WorkLog(int Minutes, string Text, Uri? Link);

/// <summary>
/// Reads "log 2h onboarding guide https://…" (the bot), and the same three fields from a form (the tab's Add work, the
/// "Log as glue work" message action). Untrusted input: anything it cannot read is a clear message, never a guess.
/// </summary>
public static partial class WorkLogParser
{
    /// <summary>At most a working day per entry: more is several entries (one per day).</summary>
    public const int MaxMinutes = 12 * 60;
    public const int MaxTextLength = 200;
    /// <summary>Longer input is refused before it is read further.</summary>
    public const int MaxInputLength = 4 * 1024;

    public const string Usage = "Write it as: log 2h onboarding guide https://… (a duration such as 90m, 1.5h or 1h30, what you did, and a link if there is one).";

    /// <summary>Reads a "log …" message; <paramref name="message"/> starts with the word "log".</summary>
    public static Validated<WorkLog> ParseCommand(string? message)
    {
        if (message is { Length: > MaxInputLength })
        {
            return Fail("text", $"That message is {message.Length:N0} characters long; a log entry can be at most {MaxInputLength:N0}. Nothing was logged.");
        }
        var words = (message ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).ToList();
        if (words.Count == 0 || !words[0].Equals("log", StringComparison.OrdinalIgnoreCase))
        {
            return Fail("text", Usage);
        }
        words.RemoveAt(0);
        // The duration: one word ("2h", "90m", "1.5h", "1h30") or a number and a unit ("2 hours", "3 days").
        string? duration = null;
        if (words.Count > 0 && DurationPattern().IsMatch(words[0]))
        {
            duration = words[0];
            words.RemoveAt(0);
        }
        else if (words.Count > 1 && NumberPattern().IsMatch(words[0]) && UnitPattern().IsMatch(words[1]))
        {
            duration = words[0] + words[1];
            words.RemoveRange(0, 2);
        }
        var link = words.FirstOrDefault(w => w.Contains("://", StringComparison.Ordinal));
        if (link is not null)
        {
            words.Remove(link);
        }
        return Validate(duration, string.Join(' ', words), link);
    }

    /// <summary>Checks the three fields of a form; <paramref name="duration"/> as in a message ("2h", "90m", "1.5 hours").</summary>
    public static Validated<WorkLog> Validate(string? duration, string? text, string? link)
    {
        var errors = new List<FieldError>();
        if ((duration?.Length ?? 0) + (text?.Length ?? 0) + (link?.Length ?? 0) > MaxInputLength)
        {
            return Fail("text", $"That is more than {MaxInputLength:N0} characters; a log entry is a duration, a short description and a link. Nothing was logged.");
        }
        var minutes = Minutes(duration, errors);
        Uri? uri = null;
        if (!string.IsNullOrWhiteSpace(link))
        {
            var tag = TagValidator.Validate(new TagInput("mentoring", null, link, null, null, false));
            uri = tag.Value?.ArtifactLink;
            errors.AddRange(tag.Errors.Select(e => e with { Field = "link", Message = e.Message.Replace("The artifact link", "The link", StringComparison.Ordinal) }));
        }
        var described = string.IsNullOrWhiteSpace(text) && uri is not null ? FromLink(uri) : text?.Trim();
        if (string.IsNullOrEmpty(described))
        {
            errors.Add(new("text", "Say what the work was: " + Usage));
        }
        else if (described.Length > MaxTextLength)
        {
            errors.Add(new("text", $"The description is {described.Length:N0} characters long; the limit is {MaxTextLength}."));
        }
        else if (described.FirstOrDefault(TagValidator.IsInvisibleFormatting) is var hidden and not '\0')
        {
            errors.Add(new("text", $"The description contains an invisible character (U+{(int)hidden:X4}) that can hide or reorder text; remove it and try again."));
        }
        return errors.Count > 0
            ? Validated<WorkLog>.Fail(errors)
            : Validated<WorkLog>.Ok(new WorkLog(minutes, TagValidator.CleanTitle(described)!, uri));
    }

    /// <summary>"2h" → 120, "90m" → 90, "1.5h" → 90, "1h30" → 90, "45 min" → 45.</summary>
    private static int Minutes(string? duration, List<FieldError> errors)
    {
        var text = (duration ?? "").Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();
        if (text.Length == 0)
        {
            errors.Add(new("duration", "How long did it take? " + Usage));
            return 0;
        }
        var match = DurationPattern().Match(text);
        if (!match.Success)
        {
            errors.Add(new("duration", $"I couldn't read \"{Shorten(text)}\" as a duration such as 90m, 1.5h or 1h30."));
            return 0;
        }
        var amount = double.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
        var unit = match.Groups["unit"].Value;
        if (unit.StartsWith('d'))
        {
            errors.Add(new("duration", $"A log entry is at most {MaxMinutes / 60} h: log each day's work on its own."));
            return 0;
        }
        var minutes = unit.StartsWith('h') ? amount * 60 + (match.Groups["m"].Success ? int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture) : 0) : amount;
        var rounded = (int)Math.Round(minutes);
        if (rounded < 1)
        {
            errors.Add(new("duration", "The duration must be at least a minute."));
        }
        else if (rounded > MaxMinutes)
        {
            errors.Add(new("duration", $"{Shorten(text)} is more than {MaxMinutes / 60} h: log each day's work on its own."));
        }
        return rounded;
    }

    // "https://wiki.contoso.com/eng/onboarding-guide" → "onboarding guide"; a bare host → the host.
    private static string FromLink(Uri link)
    {
        var last = link.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        var words = last is null ? "" : Uri.UnescapeDataString(Path.GetFileNameWithoutExtension(last)).Replace('-', ' ').Replace('_', ' ').Trim();
        return words.Length > 0 && words.Any(char.IsLetter) ? words : link.Host;
    }

    private static Validated<WorkLog> Fail(string field, string message) => Validated<WorkLog>.Fail([new FieldError(field, message)]);

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    // Without backtracking: linear in the text, so no match timeout, which a busy machine could trip on plain input.
    [GeneratedRegex(@"^(?<n>\d{1,3}(?:\.\d{1,2})?)(?<unit>h|hr|hrs|hour|hours|m|min|mins|minute|minutes|d|day|days)(?:(?<m>\d{1,2})m?)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex DurationPattern();

    [GeneratedRegex(@"^\d{1,3}(?:\.\d{1,2})?$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"^(?:h|hr|hrs|hour|hours|m|min|mins|minute|minutes|d|day|days)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex UnitPattern();
}
