namespace GlueTeams.Testing;

/// <summary>
/// Passes every request on and counts them (those <paramref name="counts"/> selects, when given): put it in a client's
/// pipeline to prove that none was made.
/// </summary>
public sealed class CountingHandler(Func<HttpRequestMessage, bool>? counts = null) : DelegatingHandler(new HttpClientHandler())
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (counts?.Invoke(request) ?? true)
        {
            Interlocked.Increment(ref _count);
        }
        return base.SendAsync(request, cancellationToken);
    }
}
