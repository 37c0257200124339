using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace GlueTeams.Core.Suggestions;

/// <summary>
/// A meeting title reduced to lower-case word tokens: accents, emoji and punctuation dropped, the many spellings of
/// a one-on-one folded into one token, "w/" read as "with", "&amp;" as "and".
/// </summary>
public sealed partial record TitleText(IReadOnlyList<string> Tokens, bool HasPairSeparator)
{
    public const string OneOnOne = "oneonone";

    public static TitleText Parse(string? title)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            return new TitleText([], false);
        }
        var text = RemoveAccents(TicketKeyPattern().Replace(title, " ").ToLowerInvariant());
        text = OneOnOnePattern().Replace(text, " " + OneOnOne + " ");
        text = WithPattern().Replace(text, " with ");
        text = DiversityPattern().Replace(text, " dandi ");
        text = SeverityPattern().Replace(text, " sev ");
        var hasPairSeparator = PairSeparatorPattern().IsMatch(text);
        text = text.Replace("&", " and ", StringComparison.Ordinal);
        var tokens = TokenSeparator().Split(text).Where(t => t.Length > 0).ToArray();
        return new TitleText(tokens, hasPairSeparator);
    }

    /// <summary>The title as a comparison key: tokens without numbers, so "Sprint 48 planning" equals "Sprint 49 planning".</summary>
    public string Key => string.Join(' ', Tokens.Where(t => !t.All(char.IsAsciiDigit)));

    private static string RemoveAccents(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    // Issue keys such as MOB-1123 or PAY-42 name a ticket, not a kind of meeting; RFC-117, ADR-19, SEV-2, INC-88 do.
    [GeneratedRegex(@"(?<![\p{L}\p{N}])(?!(?:RFC|ADR|SEV|COE|PIR|INC|PR)-)[A-Z][A-Z0-9]{1,9}-\d+(?![\p{L}\p{N}])")]
    private static partial Regex TicketKeyPattern();

    // 1:1, 1-1, 1/1, 1x1, 1on1, 1 on 1, one-on-one, one on one, o3 (and 121 as some calendars write it).
    [GeneratedRegex(@"(?<![\p{L}\p{N}])(?:1\s*(?:[:\-/x]|on)\s*1|one[\s\-]*on[\s\-]*one|o3|121)(?![\p{L}\p{N}])")]
    private static partial Regex OneOnOnePattern();

    [GeneratedRegex(@"(?<![\p{L}\p{N}])w/")]
    private static partial Regex WithPattern();

    [GeneratedRegex(@"(?<![\p{L}\p{N}])d\s*&\s*i(?![\p{L}\p{N}])")]
    private static partial Regex DiversityPattern();

    [GeneratedRegex(@"(?<![\p{L}\p{N}])sev\s*-?\s*[0-4](?![\p{N}])")]
    private static partial Regex SeverityPattern();

    // "Payments <> Ledger", "Platform x SRE", "Mobile / Backend", "Carla | Tom", "Hana + Ivy": two parties named side by side.
    [GeneratedRegex(@"<>|<->|<=>|\S\s*/\s*\S|\s[x|+]\s|\s&\s|\svs\.?\s")]
    private static partial Regex PairSeparatorPattern();

    [GeneratedRegex(@"[^\p{L}\p{N}]+")]
    private static partial Regex TokenSeparator();
}
