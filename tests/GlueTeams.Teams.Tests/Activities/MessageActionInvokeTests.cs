using System.Text.Json;
using System.Text.Json.Nodes;
using GlueTeams.Teams.Activities;
using GlueTeams.Teams.Cards;

namespace GlueTeams.Teams.Tests.Activities;

[TestClass]
public sealed class MessageActionInvokeTests
{
    private static Activity Invoke(string name, string value) => new() { Type = ActivityTypes.Invoke, Name = name, Value = JsonDocument.Parse(value).RootElement };

    [TestMethod]
    public void A_fetch_on_a_message_reads_the_command_the_link_and_the_body()
    {
        var parsed = MessageActionInvoke.Parse(Invoke(MessageActionInvoke.FetchTask, """
            {"commandId": "logAsGlueWork", "commandContext": "message", "requestId": "r",
             "messagePayload": {"id": "1611060744833", "linkToMessage": "https://teams.microsoft.com/l/message/19:x@thread.skype/1611060744833",
               "body": {"contentType": "html", "content": "<div>Hi</div>"}, "mentions": []},
             "context": {"theme": "default"}}
            """));

        Assert.IsTrue(parsed.IsOk, parsed.Message);
        Assert.IsTrue(parsed.Value.IsFetch);
        Assert.AreEqual("logAsGlueWork", parsed.Value.CommandId);
        Assert.AreEqual("message", parsed.Value.CommandContext);
        Assert.AreEqual(new InvokedMessage("1611060744833", "https://teams.microsoft.com/l/message/19:x@thread.skype/1611060744833", "<div>Hi</div>", true), parsed.Value.Message);
    }

    [TestMethod]
    public void A_submit_reads_the_forms_data_and_odd_shapes_are_refused()
    {
        var submit = MessageActionInvoke.Parse(Invoke(MessageActionInvoke.SubmitAction, """{"commandId": "c", "data": {"text": "Runbook", "duration": 30}}"""));
        Assert.IsTrue(submit.IsOk);
        Assert.AreEqual("Runbook", submit.Value.DataString("text"));
        Assert.IsNull(submit.Value.DataString("duration"), "only strings are read as strings");
        Assert.IsNull(submit.Value.Message);

        Assert.AreEqual(ParseFailure.MissingField, MessageActionInvoke.Parse(Invoke(MessageActionInvoke.SubmitAction, """{"data": {}}""")).Failure);
        Assert.AreEqual(ParseFailure.MissingField, MessageActionInvoke.Parse(Invoke(MessageActionInvoke.FetchTask, """{"commandId": 7}""")).Failure);
        Assert.AreEqual(ParseFailure.Malformed, MessageActionInvoke.Parse(Invoke("adaptiveCard/action", """{"commandId": "c"}""")).Failure);
        Assert.IsTrue(MessageActionInvoke.Parse(Invoke(MessageActionInvoke.SubmitAction, """{"commandId": "c", "data": "not an object", "messagePayload": {"body": 3}}""")).IsOk,
            "a data or body of the wrong shape is read as empty");
    }

    [TestMethod]
    public void A_form_answer_is_a_continue_task_with_the_card_as_an_attachment_and_a_message_answer_a_message_task()
    {
        var form = JsonNode.Parse(JsonSerializer.Serialize(TaskModuleResponse.Form("Log as glue work", new AdaptiveCard { Body = [new TextBlock("x")] }), ProtocolJson.Options))!;
        var message = JsonNode.Parse(JsonSerializer.Serialize(TaskModuleResponse.Message("Logged."), ProtocolJson.Options))!;

        Assert.AreEqual("continue", (string?)form["task"]!["type"]);
        Assert.AreEqual("Log as glue work", (string?)form["task"]!["value"]!["title"]);
        Assert.AreEqual("application/vnd.microsoft.card.adaptive", (string?)form["task"]!["value"]!["card"]!["contentType"]);
        Assert.AreEqual("AdaptiveCard", (string?)form["task"]!["value"]!["card"]!["content"]!["type"]);
        Assert.AreEqual("message", (string?)message["task"]!["type"]);
        Assert.AreEqual("Logged.", (string?)message["task"]!["value"]);
    }
}
