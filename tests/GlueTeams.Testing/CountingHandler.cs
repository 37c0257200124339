namespace GlueTeams.Testing;

/// <summary>Passes every request on and counts them: put it in a client's pipeline to prove that none was made.</summary>
public sealed class CountingHandler() : DelegatingHandler(new HttpClientHandler())
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _count);
        return base.SendAsync(request, cancellationToken);
    }
}
