using System.Buffers;
using System.Text.Json;
using GlueTeams.Core.Validation;

namespace GlueTeams.Teams.Activities;

/// <summary>
/// An activity whose required fields are present: the only source of tenant, user and conversation for the handlers.
/// Trust comes from the token validator, which checks this activity against the token.
/// </summary>
public sealed record InboundActivity(
    Activity Activity,
    string Type,
    Uri ServiceUrl,
    string ConversationId,
    string FromId,
    string? FromAadObjectId,
    string TenantId);

/// <summary>Reads an activity from an untrusted request body.</summary>
public static class ActivityParser
{
    /// <summary>The largest body we read; Teams' own messages are capped near 100 KB.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    /// <summary>Reads at most <see cref="MaxBodyBytes"/> (plus one byte, to tell) from the stream and parses it.</summary>
    public static async Task<Parsed<InboundActivity>> ReadAsync(Stream body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        // Pooled: a fresh 256 KB array per request would land on the large object heap.
        var buffer = ArrayPool<byte>.Shared.Rent(MaxBodyBytes + 1);
        try
        {
            var length = 0;
            int read;
            while (length <= MaxBodyBytes && (read = await body.ReadAsync(buffer.AsMemory(length, MaxBodyBytes + 1 - length), cancellationToken).ConfigureAwait(false)) > 0)
            {
                length += read;
            }
            return Parse(buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static Parsed<InboundActivity> Parse(ReadOnlySpan<byte> json)
    {
        if (json.Length > MaxBodyBytes)
        {
            return Parsed<InboundActivity>.Fail(ParseFailure.TooLarge, $"The activity is larger than {MaxBodyBytes} bytes.");
        }
        Activity? activity;
        try
        {
            activity = JsonSerializer.Deserialize<Activity>(json, ProtocolJson.Options);
        }
        catch (JsonException e)
        {
            return Parsed<InboundActivity>.Fail(ParseFailure.Malformed, "The activity is not valid JSON of the expected shape: " + e.Message);
        }
        return activity is null
            ? Parsed<InboundActivity>.Fail(ParseFailure.Malformed, "The activity is null.")
            : Validate(activity);
    }

    private static Parsed<InboundActivity> Validate(Activity a)
    {
        var missing = new List<string>();
        Require(a.Type, "type");
        Require(a.ServiceUrl, "serviceUrl");
        Require(a.Conversation?.Id, "conversation.id");
        Require(a.From?.Id, "from.id");
        Require(a.TenantId, "conversation.tenantId or channelData.tenant.id");
        if (missing.Count > 0)
        {
            return Parsed<InboundActivity>.Fail(ParseFailure.MissingField, "The activity lacks " + string.Join(", ", missing) + ".");
        }
        if (!Uri.TryCreate(a.ServiceUrl, UriKind.Absolute, out var serviceUrl) || (serviceUrl.Scheme != Uri.UriSchemeHttps && serviceUrl.Scheme != Uri.UriSchemeHttp))
        {
            return Parsed<InboundActivity>.Fail(ParseFailure.Malformed, "The activity's serviceUrl is not an absolute http(s) URL.");
        }
        if (!SafeIds.IsSafe(a.TenantId) || (a.From!.AadObjectId is { } user && !SafeIds.IsSafe(user)))
        {
            return Parsed<InboundActivity>.Fail(ParseFailure.Malformed, "The activity's tenant id or from.aadObjectId is not a directory id.");
        }
        return Parsed<InboundActivity>.Ok(new(a, a.Type!, serviceUrl, a.Conversation!.Id!, a.From!.Id!, a.From.AadObjectId, a.TenantId!));

        void Require(string? value, string name)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                missing.Add(name);
            }
        }
    }
}
