using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Queues;

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

    /// <summary>Retries of one storage request after the first try (Azure's default is 3). Tests of a storage outage use 0.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first wait before a retry; later waits grow exponentially (Azure's default is 0.8 s).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(0.8);

    /// <summary>How long one storage request may take before it is abandoned (and retried).</summary>
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Policies added to every table and queue client's pipeline, once per try (benchmarks count storage requests with
    /// one); set in code, never from configuration.
    /// </summary>
    public IList<HttpPipelinePolicy> Policies { get; } = [];

    /// <summary>The table clients' options: the retry settings above.</summary>
    public TableClientOptions TableClientOptions()
    {
        var options = new TableClientOptions();
        ApplyRetry(options.Retry);
        AddPolicies(options);
        return options;
    }

    /// <summary>The queue clients' options: base64 messages and the retry settings above.</summary>
    public QueueClientOptions QueueClientOptions()
    {
        var options = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        ApplyRetry(options.Retry);
        AddPolicies(options);
        return options;
    }

    private void AddPolicies(ClientOptions options)
    {
        foreach (var policy in Policies)
        {
            options.AddPolicy(policy, HttpPipelinePosition.PerRetry);
        }
    }

    private void ApplyRetry(RetryOptions retry)
    {
        retry.MaxRetries = MaxRetries;
        retry.Delay = RetryDelay;
        retry.Mode = RetryMode.Exponential;
        retry.NetworkTimeout = NetworkTimeout;
    }

    /// <summary>Throws with a clear message when the options cannot reach any account.</summary>
    public void Validate()
    {
        if (Problems().FirstOrDefault() is { } problem)
        {
            throw new InvalidOperationException(problem);
        }
    }

    /// <summary>What is wrong with these settings, one sentence naming the setting each.</summary>
    public IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString) && TableEndpoint is null)
        {
            yield return "Storage is not configured: set Storage:ConnectionString, or Storage:TableEndpoint (and Storage:QueueEndpoint) for managed identity.";
        }
        if (TablePrefix.Length is 0 or > 40 || !char.IsAsciiLetter(TablePrefix[0]) || !TablePrefix.All(char.IsAsciiLetterOrDigit))
        {
            yield return $"Storage:TablePrefix '{TablePrefix}' must be 1-40 ASCII letters and digits, starting with a letter.";
        }
        if (MaxRetries is < 0 or > 10)
        {
            yield return $"Storage:MaxRetries {MaxRetries} must be between 0 and 10.";
        }
        if (RetryDelay < TimeSpan.Zero || NetworkTimeout <= TimeSpan.Zero)
        {
            yield return "Storage:RetryDelay must not be negative and Storage:NetworkTimeout must be positive.";
        }
    }
}
