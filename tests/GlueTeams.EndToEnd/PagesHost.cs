using System.Net;
using GlueTeams.Testing;
using Microsoft.Playwright;

namespace GlueTeams.EndToEnd;

/// <summary>
/// What every page test opens pages in: the app with the tab API on Kestrel (loopback, free port) and Debian's
/// Chromium. Pages log the browser's console and errors to the test output; screenshots go to <see cref="Artifacts"/>.
/// </summary>
internal sealed class PagesHost : IAsyncDisposable
{
    public static readonly string Artifacts = Path.Combine(Azurite.RepositoryRoot(), ".artifacts", "e2e");

    /// <summary>The API app registration's client id the pages are served with (Tabs:ClientId).</summary>
    public const string ClientId = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private PagesHost(TabApiHost api, Uri baseUrl, IPlaywright playwright, IBrowser browser)
    {
        Api = api;
        BaseUrl = baseUrl;
        _playwright = playwright;
        _browser = browser;
    }

    public TabApiHost Api { get; }
    public Uri BaseUrl { get; }

    /// <summary>Starts everything; <paramref name="builtFiles"/> (paths from the repository root) must exist, or the pages were not built.</summary>
    public static async Task<PagesHost> StartAsync(params string[] builtFiles)
    {
        var root = Azurite.RepositoryRoot();
        if (builtFiles.FirstOrDefault(f => !File.Exists(Path.Combine(root, f))) is { } missing)
        {
            throw new InvalidOperationException($"{missing} is not built: run ./glue test (or npm run build in src/web, node tests/addin-mock/build.mjs).");
        }
        // A client id, so that /auth/config names one (the pane's nested app authentication and the sign-in pages read
        // it) and the admin consent link is complete.
        var api = await TabApiHost.StartAsync(new Dictionary<string, string?> { ["Tabs:ClientId"] = ClientId, ["Graph:ClientId"] = ClientId });
        var port = Azurite.FreePort();
        api.App.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        api.App.StartServer();
        Directory.CreateDirectory(Artifacts);
        var playwright = await Playwright.CreateAsync();
        var browser = await Chromium.LaunchAsync(playwright, desktopScrollbars: true);
        return new PagesHost(api, new Uri($"http://127.0.0.1:{port}"), playwright, browser);
    }

    /// <summary>A page in a context of its own, <paramref name="width"/> pixels wide; close it with <c>page.Context.CloseAsync()</c>.</summary>
    public async Task<IPage> NewPageAsync(int width)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { AcceptDownloads = true, ViewportSize = new ViewportSize { Width = width, Height = 900 } });
        var page = await context.NewPageAsync();
        // The browser's console and errors go to the test output: the first place to look when a page stays blank.
        page.Console += (_, message) => Console.WriteLine($"[browser {message.Type}] {message.Text}");
        page.PageError += (_, error) => Console.WriteLine($"[page error] {error}");
        page.RequestFailed += (_, request) => Console.WriteLine($"[request failed] {request.Url} {request.Failure}");
        return page;
    }

    /// <summary>
    /// What axe finds serious or critical on the page as it is now, one line each. Fluent's focus manager (tabster) adds
    /// aria-hidden focus sentinels that pass focus on at once; they are never a stop, so they are left out.
    /// </summary>
    public static async Task<string[]> SeriousAxeViolationsAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.AddScriptTagAsync(new() { Path = Path.Combine(Azurite.RepositoryRoot(), "node_modules", "axe-core", "axe.min.js") });
        return await page.EvaluateAsync<string[]>("""
            async () => (await axe.run({ exclude: [['[data-tabster-dummy]']] })).violations
              .filter(v => v.impact === 'serious' || v.impact === 'critical')
              .map(v => `${v.id}: ${v.nodes.slice(0, 3).map(n => n.html.slice(0, 160) + ' ' + (n.any[0]?.message ?? '')).join(' | ')}`)
            """);
    }

    /// <summary>
    /// With a vertical scrollbar forced on (as Outlook's pane shows one beside a long form), what is clipped sideways:
    /// the page when it scrolls horizontally, and every field, button and message whose content is wider than its box
    /// or that reaches past the page's right edge. One line each; none when nothing is clipped.
    /// </summary>
    public static async Task<string[]> ClippedAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.AddStyleTagAsync(new() { Content = "html { overflow-y: scroll !important; }" });
        return await page.EvaluateAsync<string[]>("""
            () => {
              const root = document.documentElement;
              const found = [];
              if (root.clientWidth >= window.innerWidth) found.push(`no vertical scrollbar takes room (${root.clientWidth} of ${window.innerWidth} px)`);
              if (root.scrollWidth > root.clientWidth) found.push(`the page: ${root.scrollWidth} px of content in ${root.clientWidth} px`);
              const fields = document.querySelectorAll('input, select, textarea, button, [role=radiogroup], [role=alert], [role=status], .fui-Field, h1');
              for (const el of fields) {
                const box = el.getBoundingClientRect();
                const name = `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}"`;
                if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible') found.push(`${name}: ${el.scrollWidth} px of content in ${el.clientWidth} px`);
                if (box.width > 0 && box.right > root.clientWidth + 0.5) found.push(`${name}: reaches ${Math.round(box.right)} px, past ${root.clientWidth} px`);
              }
              return found;
            }
            """);
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await Api.DisposeAsync();
    }
}
