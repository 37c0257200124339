using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using GlueTeams.Storage.Retention;
using GlueTeams.Storage.Users;
using GlueTeams.Core.Users;

namespace GlueTeams.App.Store;

/// <summary>
/// The privacy, terms and support pages the manifest links to: plain HTML embedded in the app (Store/Pages), open to
/// anyone without sign-in as the store requires, filled with the values the code really uses (retention periods, the
/// weekly card's default time) so that the text cannot drift from the behaviour.
/// </summary>
internal static partial class StorePages
{
    private static readonly UserProfile Defaults = new() { TenantId = "", UserId = "" };

    public static WebApplication MapStorePages(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var links = app.Services.GetRequiredService<StoreLinks>();
        foreach (var (path, title, file) in new[] { (StoreLinks.PrivacyPath, "Privacy", "privacy"), (StoreLinks.TermsPath, "Terms of use", "terms"), (StoreLinks.SupportPath, "Support", "support") })
        {
            var html = Render(title, file, links);
            app.MapGet(path, () => TypedResults.Content(html, "text/html; charset=utf-8")).AllowAnonymous().ExcludeFromDescription();
        }
        return app;
    }

    /// <summary>The page <paramref name="file"/> in the layout, every placeholder filled (an unfilled one is a bug, refused at start).</summary>
    internal static string Render(string title, string file, StoreLinks links)
    {
        var values = new Dictionary<string, string>
        {
            ["TITLE"] = WebUtility.HtmlEncode(title),
            ["BODY"] = Resource(file),
            ["UNCONFIRMED_DAYS"] = Number(RetentionPolicy.Default.Unconfirmed.TotalDays),
            ["CONFIRMED_YEARS"] = Number(RetentionPolicy.Default.Confirmed.TotalDays / 365),
            ["CLAIM_DAYS"] = Number(RetentionPolicy.Default.Claims.TotalDays),
            ["CARD_DAY"] = Defaults.CardDay.ToString(),
            ["CARD_TIME"] = Defaults.CardTime.ToString("HH:mm", CultureInfo.InvariantCulture),
            ["CONTACT"] = links.SupportEmail is { } email
                ? $"<a href=\"mailto:{WebUtility.HtmlEncode(email)}\">{WebUtility.HtmlEncode(email)}</a>"
                : "your organisation's IT help desk, who run Glueprint for your organisation",
        };
        // Two rounds: the body brings placeholders of its own into the layout.
        var html = Fill(Fill(Resource("layout"), values), values);
        return Placeholder().Match(html) is { Success: true } left
            ? throw new InvalidOperationException($"The {file} page has a placeholder without a value: {left.Value}")
            : html;
    }

    /// <summary>A page of the app's own (the admin consent's answers) in the same layout; <paramref name="bodyHtml"/> is already encoded.</summary>
    internal static string Message(string title, string bodyHtml) =>
        Fill(Resource("layout"), new Dictionary<string, string> { ["TITLE"] = WebUtility.HtmlEncode(title), ["BODY"] = bodyHtml });

    private static string Fill(string template, Dictionary<string, string> values) =>
        Placeholder().Replace(template, m => values.TryGetValue(m.Groups[1].Value, out var value) ? value : m.Value);

    private static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Resource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"GlueTeams.App.Store.Pages.{name}.html")
            ?? throw new InvalidOperationException($"The page {name}.html is not embedded in the app.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"\{\{([A-Z_]+)\}\}", RegexOptions.NonBacktracking)]
    private static partial Regex Placeholder();
}
