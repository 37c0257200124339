namespace GlueTeams.Storage;

/// <summary>The "Storage" configuration section. Either a connection string, or endpoints reached with DefaultAzureCredential.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>A storage connection string (Azurite, or a real account with shared-key access).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The table endpoint of a real account, e.g. https://acct.table.core.windows.net, used with managed identity.</summary>
    public Uri? TableEndpoint { get; set; }

    /// <summary>The queue endpoint of a real account, e.g. https://acct.queue.core.windows.net, used with managed identity.</summary>
    public Uri? QueueEndpoint { get; set; }

    /// <summary>Prefixed to every table name (letters and digits), so that tests and environments can share an account.</summary>
    public string TablePrefix { get; set; } = "glue";

    /// <summary>Throws with a clear message when the options cannot reach any account.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString) && TableEndpoint is null)
        {
            throw new InvalidOperationException("Storage is not configured: set Storage:ConnectionString, or Storage:TableEndpoint (and Storage:QueueEndpoint) for managed identity.");
        }
        if (TablePrefix.Length is 0 or > 40 || !char.IsAsciiLetter(TablePrefix[0]) || !TablePrefix.All(char.IsAsciiLetterOrDigit))
        {
            throw new InvalidOperationException($"Storage:TablePrefix '{TablePrefix}' must be 1-40 ASCII letters and digits, starting with a letter.");
        }
    }
}
