using GlueTeams.App.Export;
using GlueTeams.Core.Weeks;
using GlueTeams.Testing;
using Markdig;

namespace GlueTeams.App.Tests.Export;

/// <summary>The packet rendered as GitHub and most viewers do (auto-links on): user text never becomes a link.</summary>
[TestClass]
public sealed class PacketMarkdownTests
{
    private static readonly MarkdownPipeline s_viewer = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    [TestMethod]
    public void Bare_urls_and_addresses_in_notes_and_titles_do_not_become_links()
    {
        var week = IsoWeek.Parse("2026-W48");
        var record = SimulatedRecords.Meeting("tenant", "user", week, 1, "Mentoring www.evil.example")
            .Confirmed("mentoring", shared: true, artifact: new Uri("https://wiki.example.com/guide"),
                outcome: "See https://evil.example/login or www.evil.example, or write to boss@evil.example [x](https://evil.example)");

        var markdown = PacketMarkdown.Render(PacketContent.Build(Input("Ada http://evil.example", week, [record]), []));
        var html = Markdown.ToHtml(markdown, s_viewer);

        var hrefs = System.Text.RegularExpressions.Regex.Matches(html, "<a href=\"([^\"]*)\"").Select(m => m.Groups[1].Value).ToHashSet();
        var allowed = GlueTeams.Core.Evidence.CareerLadder.Default.Sources.Select(s => s.Url).Append("https://wiki.example.com/guide").ToHashSet();
        Assert.IsTrue(hrefs.IsSubsetOf(allowed), "only the artifact and the ladder's sources are links: " + string.Join(", ", hrefs));
        StringAssert.Contains(html, "<a href=\"https://wiki.example.com/guide\">", "the artifact's own link stays a link");
        Assert.IsFalse(hrefs.Any(h => h.Contains("evil", StringComparison.Ordinal)), "no href to anything the user typed");
        Assert.DoesNotContain("mailto:", html);
        StringAssert.Contains(html, "See https://evil.example/login or www.evil.example, or write to boss@evil.example", "the note reads as typed");
    }

    [TestMethod]
    public void Quotes_names_and_titles_cannot_become_structure()
    {
        var week = IsoWeek.Parse("2026-W48");
        var record = SimulatedRecords.Meeting("tenant", "user", week, 1, "# Heading? | table").Confirmed("mentoring", shared: true) with { };
        var input = Input("- Ada", week, [record with { Confirmation = record.Confirmation! with { Delegated = true } }]) with
        {
            IncludePrivate = true,
            Quotes = [new PacketQuote("- not a list\n> nor a quote <script>x</script>", "[Grace](https://evil.example)", "a period | of work", new DateOnly(2026, 11, 27))],
        };
        var html = Markdown.ToHtml(PacketMarkdown.Render(PacketContent.Build(input, [])), s_viewer);

        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("href=\"https://evil.example", html);
        Assert.DoesNotContain("<h1>Heading", html);
        StringAssert.Contains(html, "- not a list &gt; nor a quote &lt;script&gt;x&lt;/script&gt;");
        StringAssert.Contains(html, "# Heading? | table", "a title reads as typed");
    }

    internal static PacketInput Input(string? name, IsoWeek week, IReadOnlyList<GlueTeams.Core.Records.ActivityRecord> records) =>
        new(name, week, week, records, GlueTeams.Core.Evidence.PeopleReach.Empty, new Dictionary<string, ArtifactViews>(), null, [],
            GlueTeams.Core.Evidence.CareerLadder.Default, GlueTeams.Core.Evidence.CareerLadder.Default.Level(null)!, false, TimeZoneInfo.Utc);

    [TestMethod]
    public void Without_the_escaping_a_viewer_would_link_a_bare_url()
    {
        // The same viewer does turn a bare URL into a link: the test above would see it.
        StringAssert.Contains(Markdown.ToHtml("See https://evil.example/login", s_viewer), "<a href=\"https://evil.example/login\"");
    }
}
