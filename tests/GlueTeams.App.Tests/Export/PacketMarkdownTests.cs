using GlueTeams.App.Export;
using GlueTeams.Core.Summaries;
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

        var markdown = PromotionPacket.Markdown("Ada http://evil.example", PeriodSummary.Of(week, week, [record]));
        var html = Markdown.ToHtml(markdown, s_viewer);

        var links = System.Text.RegularExpressions.Regex.Count(html, "<a ");
        Assert.AreEqual(1, links, html);
        StringAssert.Contains(html, "<a href=\"https://wiki.example.com/guide\">", "the artifact's own link stays a link");
        Assert.DoesNotContain("evil.example\"", html, "no href to anything the user typed");
        Assert.DoesNotContain("mailto:", html);
        StringAssert.Contains(html, "See https://evil.example/login or www.evil.example, or write to boss@evil.example", "the note reads as typed");
    }

    [TestMethod]
    public void Without_the_escaping_a_viewer_would_link_a_bare_url()
    {
        // The same viewer does turn a bare URL into a link: the test above would see it.
        StringAssert.Contains(Markdown.ToHtml("See https://evil.example/login", s_viewer), "<a href=\"https://evil.example/login\"");
    }
}
