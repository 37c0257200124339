using System.Text.Json;
using System.Text.Json.Nodes;
using GlueTeams.Teams.Activities;
using GlueTeams.Teams.Cards;

namespace GlueTeams.Teams.Tests.Activities;

/// <summary>A card message carries the text Teams shows in the notification and the chat list (the activity's summary).</summary>
[TestClass]
public sealed class CardMessageTests
{
    private static readonly AdaptiveCard Card = new() { Body = [new TextBlock("Your glue work, week 2026-W47"), new TextBlock("3 meetings")] };

    private static JsonObject Wire(Activity activity) => JsonSerializer.SerializeToNode(activity, ProtocolJson.Options)!.AsObject();

    [TestMethod]
    public void A_card_message_is_summarised_by_the_cards_title_on_the_wire()
    {
        var wire = Wire(Activity.CardMessage(Card));

        Assert.AreEqual("Your glue work, week 2026-W47", (string?)wire["summary"]);
        Assert.AreEqual(Attachment.AdaptiveCardContentType, (string?)wire["attachments"]![0]!["contentType"]);
    }

    [TestMethod]
    public void A_summary_given_by_the_caller_wins_and_a_card_without_text_gets_none()
    {
        Assert.AreEqual("5 meetings to confirm", (string?)Wire(Activity.CardMessage(Card, "5 meetings to confirm"))["summary"]);
        Assert.IsFalse(Wire(Activity.CardMessage(new AdaptiveCard())).ContainsKey("summary"));
    }
}
