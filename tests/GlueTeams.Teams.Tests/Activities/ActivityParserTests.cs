using System.Text;
using System.Text.Json.Nodes;
using GlueTeams.Teams.Activities;

namespace GlueTeams.Teams.Tests.Activities;

[TestClass]
public sealed class ActivityParserTests
{
    private static Parsed<InboundActivity> Parse(JsonNode json) => ActivityParser.Parse(Encoding.UTF8.GetBytes(json.ToJsonString()));

    [TestMethod]
    public void A_Teams_message_is_read_into_typed_fields_and_unknown_fields_are_ignored()
    {
        var json = Samples.MessageJson();
        json["entities"] = new JsonArray(new JsonObject { ["type"] = "clientInfo", ["platform"] = "Web" });
        json["somethingNew"] = new JsonObject { ["nested"] = 1 };
        ((JsonObject)json["from"]!)["role"] = "user";

        var parsed = Parse(json);

        Assert.IsTrue(parsed.IsOk, parsed.Message);
        Assert.AreEqual("message", parsed.Value.Type);
        Assert.AreEqual(new Uri(Samples.ServiceUrl), parsed.Value.ServiceUrl);
        Assert.AreEqual("a:personal-chat", parsed.Value.ConversationId);
        Assert.AreEqual("29:user-1", parsed.Value.FromId);
        Assert.AreEqual("00000000-0000-0000-0000-000000000020", parsed.Value.FromAadObjectId);
        Assert.AreEqual(Samples.TenantId, parsed.Value.TenantId);
        Assert.AreEqual("Europe/Paris", parsed.Value.Activity.LocalTimezone);
        Assert.AreEqual(new DateTimeOffset(2026, 11, 20, 14, 0, 0, 123, TimeSpan.Zero), parsed.Value.Activity.Timestamp);
        Assert.AreEqual("personal", parsed.Value.Activity.Conversation!.ConversationType);
        Assert.AreEqual("help", parsed.Value.Activity.Text);
    }

    [TestMethod]
    public void The_tenant_is_taken_from_channel_data_when_the_conversation_lacks_it()
    {
        var json = Samples.MessageJson();
        ((JsonObject)json["conversation"]!).Remove("tenantId");

        Assert.AreEqual(Samples.TenantId, Parse(json).Value?.TenantId);
    }

    [TestMethod]
    public void An_installation_update_carries_its_action_and_members()
    {
        var json = Samples.MessageJson();
        json["type"] = "installationUpdate";
        json["action"] = "add";
        json["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "28:bot-app-id" });

        var activity = Parse(json).Value!.Activity;

        Assert.AreEqual(ActivityTypes.InstallationUpdate, activity.Type);
        Assert.AreEqual("add", activity.Action);
        Assert.AreEqual("28:bot-app-id", activity.MembersAdded!.Single().Id);
    }

    [TestMethod]
    [DataRow("{\"type\": \"message\",")]
    [DataRow("not json")]
    [DataRow("[1, 2]")]
    [DataRow("{\"type\": \"message\", \"from\": \"not an object\"}")]
    [DataRow("null")]
    [DataRow("")]
    public void Malformed_json_is_a_typed_error(string body)
    {
        var parsed = ActivityParser.Parse(Encoding.UTF8.GetBytes(body));

        Assert.AreEqual(ParseFailure.Malformed, parsed.Failure);
    }

    [TestMethod]
    [DataRow("type", "type")]
    [DataRow("serviceUrl", "serviceUrl")]
    [DataRow("conversation.id", "conversation.id")]
    [DataRow("from.id", "from.id")]
    [DataRow("tenant", "tenant")]
    public void A_missing_required_field_is_named_in_the_error(string field, string expectedInMessage)
    {
        var json = Samples.MessageJson();
        switch (field)
        {
            case "conversation.id": ((JsonObject)json["conversation"]!).Remove("id"); break;
            case "from.id": ((JsonObject)json["from"]!)["id"] = "  "; break;
            case "tenant": ((JsonObject)json["conversation"]!).Remove("tenantId"); json.Remove("channelData"); break;
            default: json.Remove(field); break;
        }

        var parsed = Parse(json);

        Assert.AreEqual(ParseFailure.MissingField, parsed.Failure);
        StringAssert.Contains(parsed.Message, expectedInMessage);
    }

    [TestMethod]
    public void A_service_url_that_is_not_an_http_url_is_refused()
    {
        var parsed = Parse(Samples.MessageJson(serviceUrl: "file:///etc/passwd"));

        Assert.AreEqual(ParseFailure.Malformed, parsed.Failure);
    }

    [TestMethod]
    [DataRow("~tenant")]
    [DataRow("a/b")]
    [DataRow("00000000-0000-0000-0000-000000000020|x")]
    public void A_user_or_tenant_id_that_is_not_a_directory_id_is_refused(string id)
    {
        var forgedUser = Samples.MessageJson();
        forgedUser["from"]!["aadObjectId"] = id;
        Assert.AreEqual(ParseFailure.Malformed, Parse(forgedUser).Failure, "user " + id);
        Assert.AreEqual(ParseFailure.Malformed, Parse(Samples.MessageJson(tenantId: id)).Failure, "tenant " + id);
    }

    [TestMethod]
    public async Task A_body_over_256_KB_is_refused_without_reading_the_rest()
    {
        var json = Samples.MessageJson();
        json["text"] = new string('x', ActivityParser.MaxBodyBytes);
        var bytes = Encoding.UTF8.GetBytes(json.ToJsonString());
        using var stream = new MemoryStream(bytes);

        var parsed = await ActivityParser.ReadAsync(stream, CancellationToken.None);

        Assert.AreEqual(ParseFailure.TooLarge, parsed.Failure);
        Assert.AreEqual(ActivityParser.MaxBodyBytes + 1, stream.Position);
        Assert.AreEqual(ParseFailure.TooLarge, ActivityParser.Parse(bytes).Failure);
    }

    [TestMethod]
    public async Task A_body_just_under_the_limit_is_read_from_a_stream()
    {
        var json = Samples.MessageJson();
        var overhead = Encoding.UTF8.GetByteCount(json.ToJsonString()) - "help".Length;
        json["text"] = new string('x', ActivityParser.MaxBodyBytes - overhead);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json.ToJsonString()));
        Assert.AreEqual(ActivityParser.MaxBodyBytes, stream.Length);

        var parsed = await ActivityParser.ReadAsync(stream, CancellationToken.None);

        Assert.IsTrue(parsed.IsOk, parsed.Message);
    }

    [TestMethod]
    public async Task An_invoke_value_read_from_a_stream_outlives_the_read_buffer()
    {
        var invoke = Samples.MessageJson();
        invoke["type"] = "invoke";
        invoke["name"] = AdaptiveCardInvoke.InvokeName;
        invoke["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = "confirmAll" } };
        using var first = new MemoryStream(Encoding.UTF8.GetBytes(invoke.ToJsonString()));
        using var second = new MemoryStream(Encoding.UTF8.GetBytes(new string(' ', 5000) + Samples.MessageJson().ToJsonString()));

        var parsed = await ActivityParser.ReadAsync(first, CancellationToken.None);
        await ActivityParser.ReadAsync(second, CancellationToken.None);

        Assert.AreEqual("confirmAll", AdaptiveCardInvoke.Parse(parsed.Value!.Activity).Value?.Verb);
    }

    [TestMethod]
    public void An_outgoing_card_message_serialises_without_nulls_and_with_the_card_attachment()
    {
        var activity = Activity.CardMessage(new Teams.Cards.AdaptiveCard { Body = [new Teams.Cards.TextBlock("Hi")] });

        var json = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(activity, ProtocolJson.Options))!.AsObject();

        Assert.AreEqual("message", (string?)json["type"]);
        Assert.IsFalse(json.ContainsKey("text"));
        Assert.IsFalse(json.ContainsKey("tenantId"));
        Assert.AreEqual("application/vnd.microsoft.card.adaptive", (string?)json["attachments"]![0]!["contentType"]);
        Assert.AreEqual("AdaptiveCard", (string?)json["attachments"]![0]!["content"]!["type"]);
    }
}
