namespace GlueTeams.App.Store;

/// <summary>The "Store" section: where the app is reached from outside, and whom users write to for help.</summary>
public sealed class StoreOptions
{
    public const string Section = "Store";

    /// <summary>The app's public address, https://DOMAIN (the manifest's domain): the base of /privacy, /terms and /support.</summary>
    public Uri? PublicUrl { get; set; }

    /// <summary>The support mailbox shown on /support and /privacy; without it users are sent to their IT help desk.</summary>
    public string? SupportEmail { get; set; }

    /// <summary>One sentence per setting that cannot work, naming it (the app does not start with any).</summary>
    public IEnumerable<string> Problems()
    {
        if (PublicUrl is { } url && (!url.IsAbsoluteUri || url.Scheme is not ("https" or "http") || url.AbsolutePath != "/" || url.Query.Length > 0))
        {
            yield return $"Store:PublicUrl must be the app's address without a path, such as https://glue.contoso.com (got \"{url}\").";
        }
        if (SupportEmail is { Length: > 0 } email && (email.Length > 254 || !System.Net.Mail.MailAddress.TryCreate(email.Trim(), out _)))
        {
            yield return "Store:SupportEmail must be an email address, such as glue-support@contoso.com.";
        }
    }
}

/// <summary>
/// The links the cards and pages hand out: the app's own privacy, terms and support pages (absolute, when
/// <see cref="StoreOptions.PublicUrl"/> is set) and Entra's admin consent page for the Graph app registration (in
/// multi-tenant mode the app's own /admin/consent, which goes there and records the tenant when the admin comes back).
/// </summary>
internal sealed record StoreLinks(Uri? PublicUrl, string? SupportEmail, string? GraphClientId, bool Onboarding = false)
{
    public const string PrivacyPath = "/privacy";
    public const string TermsPath = "/terms";
    public const string SupportPath = "/support";

    /// <param name="onboarding">Multi-tenant mode: consent goes through the app's own onboarding, which records the tenant.</param>
    public static StoreLinks Of(StoreOptions store, string? graphClientId, bool onboarding = false)
    {
        ArgumentNullException.ThrowIfNull(store);
        return new StoreLinks(store.PublicUrl, string.IsNullOrWhiteSpace(store.SupportEmail) ? null : store.SupportEmail.Trim(), graphClientId, onboarding);
    }

    public Uri? Privacy => Page(PrivacyPath);
    public Uri? Terms => Page(TermsPath);
    public Uri? Support => Page(SupportPath);

    /// <summary>
    /// Where an admin of <paramref name="tenantId"/> grants the app's Graph permissions: the app's onboarding (multi-tenant),
    /// else Entra's admin consent page; null without a Graph client id (or, multi-tenant, without the public URL).
    /// </summary>
    public Uri? AdminConsent(string tenantId) => Onboarding
        ? PublicUrl is null ? null : new Uri(PublicUrl, $"/admin/consent?tenant={Uri.EscapeDataString(tenantId)}")
        : GraphClientId is { Length: > 0 } clientId
            ? new Uri($"https://login.microsoftonline.com/{Uri.EscapeDataString(tenantId)}/adminconsent?client_id={Uri.EscapeDataString(clientId)}")
            : null;

    private Uri? Page(string path) => PublicUrl is null ? null : new Uri(PublicUrl, path);
}
