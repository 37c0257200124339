using Microsoft.Playwright;

namespace GlueTeams.EndToEnd;

/// <summary>Debian's Chromium, launched the same way by every test here (never Playwright's own download).</summary>
internal static class Chromium
{
    /// <summary>
    /// Debian's chromium-headless-shell: the same Chromium release as Debian's chromium package (Blink and V8 alike),
    /// built as the headless shell that Playwright itself runs headless tests in. Without the desktop browser around the
    /// pages it took about half the CPU over this suite. GLUE_CHROMIUM names another build, e.g. /usr/bin/chromium to
    /// check a page in the desktop browser's headless mode.
    /// </summary>
    public static string ExecutablePath => Environment.GetEnvironmentVariable("GLUE_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium-headless-shell";

    /// <summary>
    /// No sandbox (the tests run as root), no GPU, nothing that phones home. V8 keeps to its quick tiers (Ignition and
    /// Sparkplug): a page here lives a few seconds, and what Maglev and TurboFan compiled in the background for it
    /// never paid off. Without them the renderers took about 13% less CPU over this suite, with the same results.
    /// </summary>
    private static readonly string[] Flags =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--js-flags=--no-opt --no-maglev",
    ];

    /// <summary>
    /// Headless Chromium; with <paramref name="desktopScrollbars"/>, scrollbars take their width as on a desktop, so
    /// that a page is checked for what it clips beside one.
    /// </summary>
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright, bool desktopScrollbars = false) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = Flags,
            IgnoreDefaultArgs = desktopScrollbars ? ["--hide-scrollbars"] : [],
        });
}
