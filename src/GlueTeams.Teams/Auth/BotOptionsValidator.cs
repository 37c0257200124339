using GlueTeams.Core.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GlueTeams.Teams.Auth;

/// <summary>
/// Checked on start: a bot without credentials runs only in Development (loudly); anywhere else the app refuses to
/// start. Loopback hosts and plain-http metadata are likewise Development only.
/// </summary>
public sealed partial class BotOptionsValidator(IHostEnvironment environment, ILogger<BotOptionsValidator> logger) : IValidateOptions<BotOptions>
{
    public ValidateOptionsResult Validate(string? name, BotOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var development = environment.IsDevelopment();
        var errors = new List<string>();
        if (options.IsAnonymous)
        {
            if (!development)
            {
                errors.Add($"Bot:AppId is not set. Anonymous bot traffic is accepted only in Development; this is {environment.EnvironmentName}.");
            }
        }
        else
        {
            var credentials = new[] { !string.IsNullOrWhiteSpace(options.AppPassword), !string.IsNullOrWhiteSpace(options.CertificatePath), options.UseManagedIdentity }.Count(c => c);
            if (credentials != 1)
            {
                errors.Add("Set exactly one of Bot:AppPassword, Bot:CertificatePath or Bot:UseManagedIdentity.");
            }
        }
        if (!development && options.AllowedServiceUrlHosts.Any(ServiceUrlAllowList.IsLoopbackHost))
        {
            errors.Add("Bot:AllowedServiceUrlHosts lists a loopback host, which is allowed only in Development.");
        }
        if (Loopback.HttpsProblem("Bot:OpenIdMetadataUrl", options.OpenIdMetadataUrl, development) is { } metadata)
        {
            errors.Add(metadata);
        }
        if (errors.Count > 0)
        {
            return ValidateOptionsResult.Fail(errors);
        }
        if (options.IsAnonymous)
        {
            LogAnonymous(logger);
        }
        return ValidateOptionsResult.Success;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "!!! Bot:AppId is not set: accepting UNAUTHENTICATED bot traffic and sending without tokens. Development only; never deploy like this. !!!")]
    private static partial void LogAnonymous(ILogger logger);
}
