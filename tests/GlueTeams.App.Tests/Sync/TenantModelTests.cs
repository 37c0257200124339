using GlueTeams.App.Sync;
using GlueTeams.App.Tests.Api;
using GlueTeams.App.Tests.Privacy;
using GlueTeams.App.Users;
using GlueTeams.Core.Records;
using GlueTeams.Storage.Suggestions;
using GlueTeams.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GlueTeams.App.Tests.Sync;

/// <summary>
/// The tenant model is trained from confirmed titles, per tenant, in Table Storage, one confirmation at a time; the sync
/// uses it where the rules are unsure; a user's erasure takes out what their titles taught it.
/// </summary>
[TestClass]
public sealed class TenantModelTests
{
    [TestMethod]
    public async Task Confirmations_on_the_card_teach_the_model_the_next_sync_uses_it_where_the_rules_are_unsure_and_erasure_takes_it_back()
    {
        await using var host = await TabApiHost.StartAsync();
        var colleague = host.Report(1);
        var engineer = host.Report(0);
        await host.Users.UpsertAsync(SimulatedProfiles.For(host.Org, colleague, true));
        var engineerProfile = SimulatedProfiles.For(host.Org, engineer, true);
        await host.Users.UpsertAsync(engineerProfile);
        var week = TabApiHost.CurrentWeek;
        var monday = week.Bounds(TimeZoneInfo.Utc).Start;
        await host.Activities.UpsertObservedAsync([.. Enumerable.Range(0, 30).Select(i => new ActivityRecord
        {
            TenantId = TabApiHost.TenantId,
            UserId = colleague.Id,
            EventKey = $"event-{i:D2}",
            Week = week,
            Start = monday.AddHours(i),
            End = monday.AddHours(i).AddMinutes(30),
            Title = i % 2 == 0 ? $"Chili cook-off round {i}" : $"Squad standup {i}",
            AttendeeCount = 4,
            Suggestion = new Suggestion("not-glue", i % 2 == 0 ? 0.45 : 0.9, "reason"),
        })]);
        // The colleague confirms their week on the card, the cook-offs changed to community (a card from before the one-click week sends inputs).
        var stored = await host.Activities.ListAsync(TabApiHost.TenantId, colleague.Id, week, week);
        var etags = new System.Text.Json.Nodes.JsonObject();
        var data = new System.Text.Json.Nodes.JsonObject { ["week"] = week.ToString(), ["etags"] = etags };
        foreach (var record in stored)
        {
            etags[record.Id] = record.ETag.ToString();
            if (record.Record.Title.StartsWith("Chili", StringComparison.Ordinal))
            {
                data["cat:" + record.Id] = "community";
            }
        }
        await PrivacyHost.InvokeJsonAsync(host, colleague.Id, "confirmAll", data);

        var counts = await host.App.Services.GetRequiredService<TenantModelStore>().LoadAsync(TabApiHost.TenantId);
        Assert.AreEqual(15, counts.Single(c => c.CategoryId == "community").Documents);
        Assert.AreEqual(15, counts.Single(c => c.CategoryId == "not-glue").Documents);

        // A meeting whose title no rule knows, in the engineer's calendar: the sync asks the tenant model.
        var template = host.Graph.Tenant.Calendars.EventsFor(engineer.Id, week).First(e => e.Attendees.Count >= 3 && !e.IsAllDay);
        var added = host.Graph.Tenant.Calendars.Add(engineer.Id, template with { Subject = "Chili cook-off", SeriesMasterId = null, Type = "singleInstance", Categories = [], Sensitivity = "normal" });
        Assert.IsTrue((await host.App.Services.GetRequiredService<WeekSync>().SyncAsync([engineerProfile], week)).Single().Succeeded);

        var suggestion = (await host.Activities.ListAsync(TabApiHost.TenantId, engineer.Id, week, week)).Single(r => r.Record.EventKey == added.ICalUId).Record.Suggestion!;
        Assert.AreEqual("community", suggestion.CategoryId, suggestion.Reason);
        StringAssert.Contains(suggestion.Reason, "confirmed as Community in your organisation");

        await host.App.Services.GetRequiredService<UserErasure>().EraseAsync(TabApiHost.TenantId, colleague.Id);
        Assert.IsEmpty(await host.App.Services.GetRequiredService<TenantModelStore>().LoadAsync(TabApiHost.TenantId), "what the colleague's titles taught is gone with their data");
    }
}
