using System.Text;
using System.Text.Json.Nodes;
using GlueTeams.Teams.Cards;
using GlueTeams.Testing;

namespace GlueTeams.Teams.Tests.Cards;

[TestClass]
public sealed class CardJsonTests
{
    private static JsonNode Json(AdaptiveCard card) => JsonNode.Parse(CardJson.Serialize(card))!;

    [TestMethod]
    public void A_card_is_version_1_5_full_width_with_type_discriminators()
    {
        var json = Json(SampleCards.Everything());

        Assert.AreEqual("AdaptiveCard", (string?)json["type"]);
        Assert.AreEqual("1.5", (string?)json["version"]);
        Assert.AreEqual("Full", (string?)json["msteams"]!["width"]);
        var types = json["body"]!.AsArray().Select(e => (string?)e!["type"]).ToArray();
        Assert.AreEqual("TextBlock,RichTextBlock,FactSet,Container", string.Join(',', types));
        Assert.AreEqual("TextRun", (string?)json["body"]![1]!["inlines"]![0]!["type"]);
        var column = json["body"]![3]!["items"]![0]!["columns"]![1]!;
        Assert.AreEqual("Column", (string?)column["type"]);
        Assert.AreEqual("Input.ChoiceSet", (string?)column["items"]![0]!["type"]);
        Assert.AreEqual("compact", (string?)column["items"]![0]!["style"]);
    }

    [TestMethod]
    public void Actions_carry_their_type_verb_and_data_and_nulls_are_left_out()
    {
        var json = Json(SampleCards.Everything());
        var execute = json["actions"]![0]!.AsObject();

        Assert.AreEqual("Action.Execute", (string?)execute["type"]);
        Assert.AreEqual("confirmAll", (string?)execute["verb"]);
        Assert.AreEqual("2026-W47", (string?)execute["data"]!["week"]);
        Assert.AreEqual("positive", (string?)execute["style"]);
        Assert.AreEqual("auto", (string?)execute["associatedInputs"]);
        Assert.IsFalse(execute.ContainsKey("id"));
        Assert.AreEqual("Action.ShowCard", (string?)json["actions"]![1]!["type"]);
        Assert.AreEqual("Action.OpenUrl", (string?)json["actions"]![2]!["type"]);
        Assert.AreEqual("Action.Execute", (string?)json["refresh"]!["action"]!["type"]);
        Assert.AreEqual("refresh", (string?)json["refresh"]!["action"]!["verb"]);
        Assert.AreEqual("29:user-1", (string?)json["refresh"]!["userIds"]![0]);
    }

    [TestMethod]
    public void The_size_is_the_utf8_length_of_the_serialised_card()
    {
        var card = new AdaptiveCard { Body = [new TextBlock("Café ✓")] };

        Assert.AreEqual(Encoding.UTF8.GetByteCount(CardJson.Serialize(card)), CardJson.SizeInBytes(card));
        Assert.IsTrue(CardJson.FitsInTeams(card));
    }

    [TestMethod]
    public void A_card_over_28_KB_does_not_fit()
    {
        var card = new AdaptiveCard { Body = [.. Enumerable.Range(0, 300).Select(i => new TextBlock($"Row {i}: " + new string('x', 100)))] };

        Assert.IsGreaterThan(CardJson.MaxCardBytes, CardJson.SizeInBytes(card));
        Assert.IsFalse(CardJson.FitsInTeams(card));
    }

    [TestMethod]
    public void Our_cards_parse_in_the_adaptivecards_library_without_errors()
    {
        var dir = Directory.CreateTempSubdirectory("glue-cards-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "everything.json"), CardJson.Serialize(SampleCards.Everything()));
            File.WriteAllText(Path.Combine(dir.FullName, "minimal.json"), CardJson.Serialize(SampleCards.Minimal()));

            var (exitCode, output) = CheckCards(dir.FullName);

            Assert.AreEqual(0, exitCode, output);
            StringAssert.Contains(output, "2 of 2 cards parse without errors.");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [TestMethod]
    public void The_card_check_reports_a_card_the_library_rejects()
    {
        var dir = Directory.CreateTempSubdirectory("glue-cards-");
        try
        {
            var duplicateInputs = new AdaptiveCard { Body = [new TextInput("note"), new TextInput("note")] };
            File.WriteAllText(Path.Combine(dir.FullName, "duplicate-ids.json"), CardJson.Serialize(duplicateInputs));

            var (exitCode, output) = CheckCards(dir.FullName);

            Assert.AreEqual(1, exitCode, output);
            StringAssert.Contains(output, "DuplicateId");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static (int ExitCode, string Output) CheckCards(string dir) => CardCheck.Run(dir);
}
