using GlueTeams.Core.Categories;
using GlueTeams.Core.Records;

namespace GlueTeams.Core.Validation;

/// <summary>What a user typed to confirm or tag one record, from any surface (card, tab, add-in). Untrusted.</summary>
public sealed record TagInput(
    string? CategoryId,
    string? Impact,
    string? ArtifactLink,
    string? ArtifactTitle,
    string? OutcomeNote,
    bool Delegated);

/// <summary>A tag that passed validation: known category, bounded text, a safe link.</summary>
public sealed record ValidTag(string CategoryId, Impact Impact, Uri? ArtifactLink, string? ArtifactTitle, string? OutcomeNote, bool Delegated)
{
    public Confirmation ToConfirmation(bool sharedWithManager, DateTimeOffset at) =>
        new(CategoryId, Impact, ArtifactLink, ArtifactTitle, OutcomeNote, Delegated, sharedWithManager, at);
}

/// <summary>The one place where everything a user can type is checked.</summary>
public static class TagValidator
{
    public const int MaxNoteLength = 500;
    public const int MaxLinkLength = 2048;
    public const int MaxTitleLength = 200;

    public static Validated<ValidTag> Validate(TagInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new List<FieldError>();

        var categoryId = input.CategoryId?.Trim();
        if (string.IsNullOrEmpty(categoryId))
        {
            errors.Add(new("category", "Choose a category."));
        }
        else if (!GlueCategories.TryGet(categoryId, out _))
        {
            errors.Add(new("category", $"'{Shorten(categoryId)}' is not a glue-work category."));
        }

        var impact = ParseImpact(input.Impact, errors);
        var link = ParseLink(input.ArtifactLink, errors);
        var title = ValidateText("artifactTitle", "The artifact title", input.ArtifactTitle, MaxTitleLength, errors);
        var note = ValidateText("note", "The note", input.OutcomeNote, MaxNoteLength, errors);
        if (title is not null && link is null && !errors.Any(e => e.Field == "artifactLink"))
        {
            errors.Add(new("artifactLink", "An artifact title needs a link to the artifact."));
        }

        return errors.Count > 0
            ? Validated<ValidTag>.Fail(errors)
            : Validated<ValidTag>.Ok(new ValidTag(categoryId!, impact, link, title, note, input.Delegated));
    }

    /// <summary>
    /// A short note that must be there (a manager's acknowledgement): checked like a record's note, at most
    /// <see cref="MaxNoteLength"/> characters, no zero-width or bidi-override characters.
    /// </summary>
    public static Validated<string> RequiredNote(string field, string label, string? text)
    {
        var errors = new List<FieldError>();
        var note = ValidateText(field, label, text, MaxNoteLength, errors);
        if (note is null && errors.Count == 0)
        {
            errors.Add(new(field, $"{label} is empty; write a few words."));
        }
        return errors.Count > 0 ? Validated<string>.Fail(errors) : Validated<string>.Ok(note!);
    }

    /// <summary>Trims a title (of a meeting or an artifact) and bounds its length; empty becomes null.</summary>
    public static string? CleanTitle(string? title)
    {
        var trimmed = RemoveControlCharacters(title)?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }
        return trimmed.Length <= MaxTitleLength ? trimmed : trimmed[..(MaxTitleLength - 1)].TrimEnd() + "…";
    }

    private static Impact ParseImpact(string? text, List<FieldError> errors)
    {
        switch (text?.Trim().ToUpperInvariant())
        {
            case null or "" or "ONE-OFF" or "ONEOFF":
                return Impact.OneOff;
            case "MULTIPLIER":
                return Impact.Multiplier;
            default:
                errors.Add(new("impact", "Impact must be 'multiplier' or 'one-off'."));
                return Impact.OneOff;
        }
    }

    private static Uri? ParseLink(string? text, List<FieldError> errors)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }
        if (trimmed.Length > MaxLinkLength)
        {
            errors.Add(new("artifactLink", $"The artifact link is longer than {MaxLinkLength} characters."));
            return null;
        }
        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps ||
            string.IsNullOrEmpty(uri.Host) || !string.IsNullOrEmpty(uri.UserInfo) || trimmed.Any(char.IsControl))
        {
            errors.Add(new("artifactLink", "The artifact link must be a full https:// address."));
            return null;
        }
        return uri;
    }

    private static string? ValidateText(string field, string label, string? text, int max, List<FieldError> errors)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }
        if (trimmed.Length > max)
        {
            errors.Add(new(field, $"{label} is {trimmed.Length} characters long; the limit is {max}."));
            return null;
        }
        if (trimmed.FirstOrDefault(IsInvisibleFormatting) is var hidden and not '\0')
        {
            errors.Add(new(field, $"{label} contains an invisible character (U+{(int)hidden:X4}) that can hide or reorder text; remove it and try again."));
            return null;
        }
        return RemoveControlCharacters(trimmed);
    }

    /// <summary>
    /// Zero-width characters and bidi overrides (U+200B-U+200F, U+202A-U+202E, U+2066-U+2069, U+FEFF): they make text
    /// read differently from what it says (a "Trojan Source" note, a title that hides a word).
    /// </summary>
    public static bool IsInvisibleFormatting(char c) => c is (>= '\u200B' and <= '\u200F') or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\uFEFF';

    private static string? RemoveControlCharacters(string? text) =>
        text is null || !text.Any(c => char.IsControl(c) && c is not '\n')
            ? text
            : new string(text.Where(c => !char.IsControl(c) || c == '\n').ToArray());

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
