using System.Text;
using System.Text.Json;
using GlueTeams.Teams.Activities;

namespace GlueTeams.Teams.Cards;

public static class CardJson
{
    /// <summary>Teams refuses cards much above this (about 28 KB); page the content to stay under it.</summary>
    public const int MaxCardBytes = 28 * 1024;

    public static string Serialize(AdaptiveCard card) => JsonSerializer.Serialize(card, ProtocolJson.Options);

    public static JsonElement ToElement(AdaptiveCard card) => JsonSerializer.SerializeToElement(card, ProtocolJson.Options);

    /// <summary>The UTF-8 size of the card as sent, to compare with <see cref="MaxCardBytes"/>.</summary>
    public static int SizeInBytes(AdaptiveCard card) => Encoding.UTF8.GetByteCount(Serialize(card));

    public static bool FitsInTeams(AdaptiveCard card) => SizeInBytes(card) <= MaxCardBytes;
}
