using GlueTeams.Teams.Connector;

namespace GlueTeams.Testing;

/// <summary>A connector token source that counts calls, so that a test can prove no token was acquired.</summary>
public sealed class CountingTokenSource(string? token) : IConnectorTokenSource
{
    private int _calls;

    public int Calls => _calls;

    public Task<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        return Task.FromResult(token);
    }
}
