using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace GlueTeams.Testing;

/// <summary>One request an HTTP client made.</summary>
public sealed record RecordedRequest(HttpMethod Method, Uri Uri, string? Authorization, string Body);

/// <summary>
/// Stands in for the Bot Connector behind the app's ConnectorClient: records every request (so a test can prove none
/// was made) and answers each with a new activity id.
/// </summary>
public sealed class RecordingHandler : HttpMessageHandler
{
    private int _count;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Enqueue(new(request.Method, request.RequestUri!, request.Headers.Authorization?.ToString(), body));
        var id = Interlocked.Increment(ref _count);
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent($"{{\"id\":\"activity-{id}\"}}", Encoding.UTF8, "application/json") };
    }
}
