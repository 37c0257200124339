using GlueTeams.Teams.Connector;

namespace GlueTeams.Testing;

/// <summary>A connector token source that counts calls, so that a test can prove no token was acquired.</summary>
public sealed class CountingTokenSource(string? token) : IConnectorTokenSource
{
    private int _calls;

    public int Calls => _calls;
    /// <summary>When set, acquiring a token throws it, as MSAL does when Entra ID refuses or cannot be reached.</summary>
    public Exception? Failure { get; set; }

    public Task<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        return Failure is { } failure ? Task.FromException<string?>(failure) : Task.FromResult(token);
    }
}
