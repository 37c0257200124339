using System.Text;

namespace GlueTeams.App.Cli;

/// <summary>One line of a JSON-lines input: its 1-based number and its text, or null text when it was too long to keep.</summary>
public readonly record struct InputLine(int Number, string? Text);

public static class JsonLines
{
    public const int MaxLineChars = 64 * 1024;

    /// <summary>Reads lines without ever holding more than <paramref name="maxChars"/> of one line in memory.</summary>
    public static async IAsyncEnumerable<InputLine> ReadAsync(TextReader reader, int maxChars = MaxLineChars)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var buffer = new char[8192];
        var line = new StringBuilder();
        var oversized = false;
        var number = 0;
        int read;
        while ((read = await reader.ReadAsync(buffer.AsMemory())) > 0)
        {
            var start = 0;
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] != '\n')
                {
                    continue;
                }
                Append(buffer.AsSpan(start, i - start));
                yield return Finish();
                start = i + 1;
            }
            Append(buffer.AsSpan(start, read - start));
        }
        if (line.Length > 0 || oversized)
        {
            yield return Finish();
        }

        void Append(ReadOnlySpan<char> chars)
        {
            if (oversized || line.Length + chars.Length > maxChars + 1)
            {
                oversized = true;
                line.Clear();
                return;
            }
            line.Append(chars);
        }

        InputLine Finish()
        {
            number += 1;
            var text = line.ToString().TrimEnd('\r');
            var result = oversized || text.Length > maxChars ? new InputLine(number, null) : new InputLine(number, text);
            line.Clear();
            oversized = false;
            return result;
        }
    }
}
