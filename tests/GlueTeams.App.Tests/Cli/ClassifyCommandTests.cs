using System.Text.Json;
using GlueTeams.App.Cli;

namespace GlueTeams.App.Tests.Cli;

[TestClass]
public sealed class ClassifyCommandTests
{
    private static readonly string[] s_user = ["--user", "me@contoso.com", "--manager", "boss@contoso.com"];

    private static string Event(string id, string subject, string extra = "") =>
        $$$"""{"id":"{{{id}}}","subject":"{{{subject}}}","start":{"dateTime":"2026-11-02T10:00:00.0000000","timeZone":"UTC"},"end":{"dateTime":"2026-11-02T10:30:00.0000000","timeZone":"UTC"},"isOrganizer":true,"organizer":{"emailAddress":{"name":"Me","address":"me@contoso.com"}},"attendees":[{"type":"required","status":{"response":"none"},"emailAddress":{"name":"A","address":"a@contoso.com"}},{"type":"required","emailAddress":{"address":"b@contoso.com"}},{"type":"resource","emailAddress":{"address":"room@contoso.com"}}]{{{extra}}}}""";

    private static async Task<(int ExitCode, List<JsonElement> Output, string Error)> Run(string[] args, params string[] lines)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await ClassifyCommand.RunAsync(args, new StringReader(string.Join('\n', lines)), output, error);
        var results = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        return (exitCode, results, error.ToString());
    }

    private static string Ids(List<JsonElement> output) => string.Join(' ', output.Select(o => o.GetProperty("id").GetString()));

    [TestMethod]
    public async Task Good_lines_give_one_suggestion_each_in_input_order_and_exit_0()
    {
        var (exitCode, output, error) = await Run(s_user,
            Event("e1", "Postmortem: checkout outage"), Event("e2", "Sprint planning"), Event("e3", "Design review: search"));

        Assert.AreEqual(0, exitCode, error);
        Assert.AreEqual("e1 e2 e3", Ids(output));
        Assert.AreEqual("incident not-glue design-review", string.Join(' ', output.Select(o => o.GetProperty("category").GetString())));
        Assert.IsTrue(output.All(o => o.GetProperty("confidence").GetDouble() is >= 0 and <= 1));
        Assert.IsTrue(output.All(o => o.GetProperty("reason").GetString()!.Length > 0));
        Assert.AreEqual("", error);
    }

    [TestMethod]
    public async Task Unknown_fields_are_ignored()
    {
        var (exitCode, output, _) = await Run(s_user, Event("e1", "Retro", ""","@odata.etag":"W/\"x\"","bodyPreview":"hi","location":{"displayName":"4A"}"""));

        Assert.AreEqual(0, exitCode);
        Assert.AreEqual("process", output.Single().GetProperty("category").GetString());
    }

    [TestMethod]
    public async Task Bad_lines_are_reported_with_their_number_skipped_and_exit_1()
    {
        var (exitCode, output, error) = await Run(s_user,
            Event("e1", "Retro"),
            "{not json",
            Event("e3", "Retro").Replace("\"id\":\"e3\",", "", StringComparison.Ordinal),
            Event("e4", "Retro").Replace("2026-11-02T10:00:00.0000000", "yesterday", StringComparison.Ordinal),
            Event("e5", new string('x', JsonLines.MaxLineChars + 10)),
            "",
            Event("e7", "Retro"));

        Assert.AreEqual(1, exitCode);
        Assert.AreEqual("e1 e7", Ids(output));
        var errors = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.HasCount(4, errors);
        StringAssert.StartsWith(errors[0], "line 2: malformed JSON");
        StringAssert.StartsWith(errors[1], "line 3: missing id");
        StringAssert.StartsWith(errors[2], "line 4: bad start.dateTime");
        StringAssert.StartsWith(errors[3], "line 5: longer than");
    }

    [TestMethod]
    [DataRow(new string[0], "--user is required")]
    [DataRow(new[] { "--user" }, "--user needs a value")]
    [DataRow(new[] { "--user", "me@contoso.com", "--colour", "red" }, "unknown argument '--colour'")]
    [DataRow(new[] { "--user", "me@contoso.com", "--history", "/nonexistent/history.jsonl" }, "history file not found")]
    public async Task Usage_errors_exit_2_with_the_usage(string[] args, string message)
    {
        var (exitCode, output, error) = await Run(args, Event("e1", "Retro"));

        Assert.AreEqual(2, exitCode);
        Assert.IsEmpty(output);
        StringAssert.Contains(error, message);
        StringAssert.Contains(error, "usage: classify --user UPN");
    }

    [TestMethod]
    public async Task History_file_confirmations_are_remembered_for_the_same_series()
    {
        var history = Path.GetTempFileName();
        try
        {
            await File.WriteAllLinesAsync(history, [
                """{"seriesMasterId":"S1","subject":"Payments weekly","category":"coordination"}""",
                """{"subject":"Payments weekly","category":"coordination"}""",
            ]);
            var (exitCode, output, error) = await Run([.. s_user, "--history", history],
                Event("e1", "Payments weekly", ""","seriesMasterId":"S1","type":"occurrence" """));

            Assert.AreEqual(0, exitCode, error);
            Assert.AreEqual("coordination", output.Single().GetProperty("category").GetString());
            StringAssert.Contains(output.Single().GetProperty("reason").GetString(), "you confirmed it as Cross-team coordination once");
        }
        finally
        {
            File.Delete(history);
        }
    }

    [TestMethod]
    public async Task Bad_history_lines_are_reported_and_exit_1()
    {
        var history = Path.GetTempFileName();
        try
        {
            await File.WriteAllLinesAsync(history, [
                """{"subject":"Payments weekly","category":"coordination"}""",
                """{"subject":"Payments weekly","category":"gardening"}""",
                """{"category":"process"}""",
            ]);
            var (exitCode, output, error) = await Run([.. s_user, "--history", history], Event("e1", "Retro"));

            Assert.AreEqual(1, exitCode);
            Assert.HasCount(1, output);
            StringAssert.Contains(error, "history line 2: unknown category 'gardening'");
            StringAssert.Contains(error, "history line 3: missing subject");
        }
        finally
        {
            File.Delete(history);
        }
    }
}
