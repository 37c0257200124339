namespace GlueTeams.Teams.Connector;

/// <summary>Whose send limits a connector request counts against, and how long it may wait for its slot.</summary>
public sealed record SendSlot(string TenantId, string ConversationId, TimeSpan LongestWait)
{
    internal static readonly HttpRequestOptionsKey<SendSlot> Key = new("GlueTeams.SendSlot");
}

/// <summary>No send slot came within the request's <see cref="SendSlot.LongestWait"/>: nothing was sent.</summary>
public sealed class NoSendSlotException() : Exception("No send slot within the longest wait; nothing was sent.");

/// <summary>
/// Takes a slot from the <see cref="SendRateLimiter"/> for every request that goes on the wire. It sits inside the
/// resilience pipeline, so a retry of a 429 or a 503 waits for a slot like the first try: Teams counts every request,
/// and retries that did not ask pushed the instances over the tenant's 50/s (1,915 429s in a 10,000-card fan-out).
/// </summary>
public sealed class SendRateLimitHandler(SendRateLimiter limiter) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var slot = request.Options.TryGetValue(SendSlot.Key, out var named) ? named : new SendSlot("", request.RequestUri?.AbsolutePath ?? "", TimeSpan.MaxValue);
        if (await limiter.TryWaitAsync(slot.TenantId, slot.ConversationId, slot.LongestWait, cancellationToken) is null)
        {
            throw new NoSendSlotException();
        }
        return await base.SendAsync(request, cancellationToken);
    }
}
