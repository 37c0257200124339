using GlueTeams.App.Sync;
using GlueTeams.App.Tests.Api;
using GlueTeams.Core.Records;
using GlueTeams.Core.Weeks;
using GlueTeams.Simulator.Org;
using GlueTeams.Storage.Activities;
using GlueTeams.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GlueTeams.App.Tests.Export;

/// <summary>
/// A simulated engineer (the tenant's demo user, a senior engineer) after four weeks of GlueTeams: their calendar synced
/// from the simulated Graph into Azurite, every suggestion confirmed the way an engineer would, with artifacts and outcomes
/// on the reusable work and some coordination marked delegated.
/// </summary>
internal static class SimulatedEngineer
{
    public static readonly IsoWeek FirstWeek = new(2026, 45);
    public static readonly IsoWeek LastWeek = new(2026, 48);

    public static readonly Uri OnboardingGuide = new("https://contoso.sharepoint.com/sites/eng/Shared%20Documents/Onboarding%20guide.docx");
    public static readonly Uri Talk = new("https://contoso-my.sharepoint.com/personal/alice/Documents/Observability%20talk.pptx");
    public static readonly Uri Adr = new("https://wiki.example.com/adr/42");

    public static SimulatedUser User(TabApiHost host) => host.Org.DemoUser;

    /// <summary>The tab API host with the engineer's four weeks synced and confirmed.</summary>
    /// <param name="settings">More app settings (shorter waits for an outage test).</param>
    public static async Task<TabApiHost> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var host = await TabApiHost.StartAsync(settings);
        await SetUpAsync(host);
        return host;
    }

    public static async Task SetUpAsync(TabApiHost host)
    {
        var user = User(host);
        var profile = SimulatedProfiles.For(host.Org, user);
        await host.Users.UpsertAsync(profile);
        var sync = host.App.Services.GetRequiredService<WeekSync>();
        for (var week = FirstWeek; week <= LastWeek; week = week.Next)
        {
            Assert.IsTrue((await sync.SyncAsync([profile], week))[0].Succeeded);
        }
        var stored = await host.Activities.ListAsync(profile.TenantId, profile.UserId, FirstWeek, LastWeek);
        var seen = new Dictionary<string, int>();
        foreach (var record in stored.Where(r => r.Record.Status == ActivityStatus.Suggested && r.Record.Suggestion is not null))
        {
            var category = record.Record.Suggestion!.CategoryId;
            seen[category] = seen.GetValueOrDefault(category) + 1;
            var written = await host.Activities.ReplaceAsync(record with { Record = Confirm(record.Record, seen[category]) });
            Assert.IsInstanceOfType<WriteResult.Written>(written);
        }
        // Their manager's acknowledgement of the month, which the engineer chose to quote (written on a fixed day: the golden packet shows it).
        var manager = host.Org.Get(user.ManagerId!);
        await host.App.Services.GetRequiredService<GlueTeams.Storage.Evidence.AcknowledgementStore>().AddAsync(new(
            "", profile.TenantId, user.Id, manager.Id, manager.DisplayName, null, FirstWeek, LastWeek, "glue work from 2 Nov to 29 Nov 2026",
            "The onboarding guide means new hires no longer wait for you. That is Staff-level leverage.", new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero), Quoted: true));
        // The weekly job's work, done now: the SharePoint artifacts' views, as the simulated Graph reports them.
        await host.App.Services.GetRequiredService<GlueTeams.App.Evidence.ArtifactReachRefresh>().RunAsync();
    }

    /// <summary>What the engineer decides for the <paramref name="index"/>th suggestion of its category (from 1): the category, and the details that make evidence.</summary>
    private static ActivityRecord Confirm(ActivityRecord record, int index)
    {
        var category = record.Suggestion!.CategoryId;
        var (impact, link, title, outcome) = category switch
        {
            "onboarding" => (Impact.Multiplier, OnboardingGuide, "Onboarding guide", "New hires ship a change in their first week"),
            "knowledge-sharing" => (Impact.Multiplier, Talk, "Observability talk", null),
            "design-review" when index % 2 == 0 => (Impact.Multiplier, Adr, "ADR 42: queue-based sync", "Sync p95 halved"),
            "incident" => (Impact.OneOff, null, null, "No repeat of the outage since"),
            _ => (Impact.OneOff, (Uri?)null, (string?)null, (string?)null),
        };
        return record with
        {
            Status = ActivityStatus.Confirmed,
            Confirmation = new Confirmation(category, impact, link, title, outcome, Delegated: category == "coordination" && index <= 2, SharedWithManager: true, record.End),
        };
    }
}
