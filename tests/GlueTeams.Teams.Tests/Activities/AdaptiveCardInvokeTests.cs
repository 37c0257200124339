using System.Text.Json;
using System.Text.Json.Nodes;
using GlueTeams.Teams.Activities;
using GlueTeams.Teams.Cards;

namespace GlueTeams.Teams.Tests.Activities;

[TestClass]
public sealed class AdaptiveCardInvokeTests
{
    private static Activity Invoke(string value, string name = AdaptiveCardInvoke.InvokeName) => new()
    {
        Type = ActivityTypes.Invoke,
        Name = name,
        Value = JsonDocument.Parse(value).RootElement,
    };

    [TestMethod]
    public void The_verb_data_and_trigger_of_an_execute_action_are_read()
    {
        var parsed = AdaptiveCardInvoke.Parse(Invoke("""
            {"action": {"type": "Action.Execute", "id": "x", "verb": "confirmAll", "data": {"week": "2026-W47", "category-1": "mentoring"}},
             "trigger": "manual", "unknown": true}
            """));

        Assert.IsTrue(parsed.IsOk, parsed.Message);
        Assert.AreEqual("confirmAll", parsed.Value.Verb);
        Assert.AreEqual("2026-W47", parsed.Value.DataString("week"));
        Assert.AreEqual("mentoring", parsed.Value.DataString("category-1"));
        Assert.IsNull(parsed.Value.DataString("missing"));
        Assert.IsFalse(parsed.Value.IsRefresh);
    }

    [TestMethod]
    public void A_refresh_without_data_has_empty_data_and_is_a_refresh()
    {
        var parsed = AdaptiveCardInvoke.Parse(Invoke("""{"action": {"type": "Action.Execute", "verb": "refresh"}, "trigger": "automatic"}"""));

        Assert.IsTrue(parsed.Value!.IsRefresh);
        Assert.AreEqual(JsonValueKind.Object, parsed.Value.Data.ValueKind);
    }

    [TestMethod]
    [DataRow("""{"action": {"type": "Action.Execute", "data": {}}}""", ParseFailure.MissingField)]
    [DataRow("""{"action": {"type": "Action.Execute", "verb": ""}}""", ParseFailure.MissingField)]
    [DataRow("""{"notAction": 1}""", ParseFailure.MissingField)]
    [DataRow("""{"action": {"verb": "confirm", "data": "text"}}""", ParseFailure.Malformed)]
    [DataRow("""[1]""", ParseFailure.MissingField)]
    public void A_bad_invoke_value_is_a_typed_error(string value, ParseFailure expected)
    {
        Assert.AreEqual(expected, AdaptiveCardInvoke.Parse(Invoke(value)).Failure);
    }

    [TestMethod]
    public void An_invoke_with_another_name_is_not_an_adaptive_card_action()
    {
        Assert.AreEqual(ParseFailure.Malformed, AdaptiveCardInvoke.Parse(Invoke("""{"action": {"verb": "x"}}""", "task/fetch")).Failure);
    }

    [TestMethod]
    public void A_card_response_carries_status_200_the_card_content_type_and_the_card()
    {
        var json = Serialize(AdaptiveCardInvokeResponse.Card(new AdaptiveCard { Body = [new TextBlock("Saved")] }));

        Assert.AreEqual(200, (int?)json["statusCode"]);
        Assert.AreEqual("application/vnd.microsoft.card.adaptive", (string?)json["type"]);
        Assert.AreEqual("AdaptiveCard", (string?)json["value"]!["type"]);
        Assert.AreEqual("Saved", (string?)json["value"]!["body"]![0]!["text"]);
    }

    [TestMethod]
    public void Message_and_error_responses_have_their_own_shapes()
    {
        var message = Serialize(AdaptiveCardInvokeResponse.Message("Done."));
        var error = Serialize(AdaptiveCardInvokeResponse.Error(400, "BadRequest", "Unknown category."));

        Assert.AreEqual("application/vnd.microsoft.activity.message", (string?)message["type"]);
        Assert.AreEqual("Done.", (string?)message["value"]);
        Assert.AreEqual(400, (int?)error["statusCode"]);
        Assert.AreEqual("application/vnd.microsoft.error", (string?)error["type"]);
        Assert.AreEqual("BadRequest", (string?)error["value"]!["code"]);
        Assert.AreEqual("Unknown category.", (string?)error["value"]!["message"]);
    }

    private static JsonNode Serialize(AdaptiveCardInvokeResponse response) =>
        JsonNode.Parse(JsonSerializer.Serialize(response, ProtocolJson.Options))!;
}
