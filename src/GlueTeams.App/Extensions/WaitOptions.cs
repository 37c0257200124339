namespace GlueTeams.App.Extensions;

/// <summary>
/// Configuration section "Waits": how long an answer waits for Graph or storage before it is given without them (a
/// 503 with Retry-After, a name left out, the stored week). Outage tests shorten them; production keeps the defaults.
/// </summary>
public sealed class WaitOptions
{
    public const string Section = "Waits";

    /// <summary>The longest a tab or add-in API request waits for its dependencies before it answers 503.</summary>
    public TimeSpan ApiRequest { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>One directory lookup (a name, a time zone), and a packet's colleagues' teams in all: Graph's own retries would otherwise hold the request.</summary>
    public TimeSpan Directory { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>"This week" and the weekly send wait this long for the calendar before showing what is stored.</summary>
    public TimeSpan Calendar { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Teams delivers an activity again when it had no answer within about this long: a bot turn must answer sooner.</summary>
    public static readonly TimeSpan TeamsRedelivery = TimeSpan.FromSeconds(15);

    /// <summary>What is wrong with these settings, one sentence naming the setting each.</summary>
    public IEnumerable<string> Problems()
    {
        if (ApiRequest <= TimeSpan.Zero)
        {
            yield return $"Waits:ApiRequest {ApiRequest} must be longer than zero.";
        }
        if (Directory <= TimeSpan.Zero || Directory >= ApiRequest)
        {
            yield return $"Waits:Directory {Directory} must be longer than zero and shorter than Waits:ApiRequest ({ApiRequest}): an answer without the directory must still come within the request.";
        }
        if (Calendar <= TimeSpan.Zero || Calendar >= TeamsRedelivery)
        {
            yield return $"Waits:Calendar {Calendar} must be longer than zero and shorter than {TeamsRedelivery.TotalSeconds} s, after which Teams delivers the activity again.";
        }
    }
}

public static class WaitServices
{
    /// <summary>The "Waits" section, bound and checked at start once, whichever parts of the app (bot, tabs, packet) ask for it.</summary>
    public static IServiceCollection AddWaits(this IServiceCollection services) =>
        services.Any(d => d.ServiceType == typeof(WaitOptions)) ? services : services.AddSettings<WaitOptions>(WaitOptions.Section, (options, _) => options.Problems());
}
