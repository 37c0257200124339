using GlueTeams.App.Cli;

namespace GlueTeams.App.Tests.Cli;

[TestClass]
public sealed class JsonLinesTests
{
    [TestMethod]
    public async Task ReadAsync_OversizedLine_IsNullAndLaterLinesKeepTheirNumbers()
    {
        var text = "a\r\n" + new string('x', 50) + "\nb\n\nc";
        var lines = new List<InputLine>();
        await foreach (var line in JsonLines.ReadAsync(new StringReader(text), maxChars: 10))
        {
            lines.Add(line);
        }

        CollectionAssert.AreEqual(
            new[] { new InputLine(1, "a"), new InputLine(2, null), new InputLine(3, "b"), new InputLine(4, ""), new InputLine(5, "c") },
            lines);
    }
}
