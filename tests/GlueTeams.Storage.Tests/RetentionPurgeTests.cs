using GlueTeams.Core.Records;
using GlueTeams.Storage.Activities;
using GlueTeams.Storage.Audit;
using GlueTeams.Storage.Evidence;
using GlueTeams.Storage.Retention;
using GlueTeams.Storage.Users;
using GlueTeams.Core.Users;

namespace GlueTeams.Storage.Tests;

[TestClass]
public sealed class RetentionPurgeTests : StorageTestBase
{
    [TestMethod]
    public async Task Purge_RemovesOnlyWhatThePolicyNoLongerAllows_AndLogsIt()
    {
        await Users.UpsertAsync(new UserProfile { TenantId = "tenant-a", UserId = "user-1" });
        // 20 weeks ago: an unconfirmed and a confirmed record; 3 weeks ago: an unconfirmed one; 3 years ago: a confirmed one.
        await Activities.UpsertObservedAsync(
        [
            Observed("old-suggested", week: Week47.AddWeeks(-20)),
            Observed("old-confirmed", week: Week47.AddWeeks(-20)),
            Observed("recent-suggested", week: Week47.AddWeeks(-3)),
            Observed("ancient-confirmed", week: Week47.AddWeeks(-156)),
        ]);
        foreach (var key in new[] { "old-confirmed", "ancient-confirmed" })
        {
            var week = key == "old-confirmed" ? Week47.AddWeeks(-20) : Week47.AddWeeks(-156);
            var stored = (await Activities.GetAsync("tenant-a", "user-1", RecordIds.Of(Observed(key, week: week))))!;
            await Activities.ReplaceAsync(stored with { Record = stored.Record with { Status = ActivityStatus.Confirmed, Confirmation = Confirmed() } });
        }
        await Claims.TryClaimAsync("tenant-a", "user-1", "old-claim", "i");
        Time.Advance(TimeSpan.FromDays(8));
        await Claims.TryClaimAsync("tenant-a", "user-1", "fresh-claim", "i");
        var purge = new RetentionPurge(Tables, Users, Audit, Time);

        var counts = await purge.PurgeTenantAsync("tenant-a", RetentionPolicy.Default);

        Assert.AreEqual(new PurgeCounts(1, 1, 1, 1), counts);
        var left = await Activities.ListAsync("tenant-a", "user-1", Week47.AddWeeks(-200), Week47);
        CollectionAssert.AreEquivalent(new[] { "old-confirmed", "recent-suggested" }, left.Select(r => r.Record.EventKey).ToArray());
        Assert.IsFalse(await Claims.TryClaimAsync("tenant-a", "user-1", "fresh-claim", "i"));
        Assert.IsTrue(await Claims.TryClaimAsync("tenant-a", "user-1", "old-claim", "i"));
        var log = (await Audit.ListAsync("tenant-a", AuditLog.TenantSubject)).Single();
        Assert.AreEqual("retention-purge", log.Action);
        StringAssert.Contains(log.Detail, "1 unconfirmed records");
    }

    [TestMethod]
    public async Task Purge_RemovesEvidenceOlderThanTheConfirmedRetention_AndKeepsTheRest()
    {
        var acknowledgements = new AcknowledgementStore(Tables);
        var nudges = new NudgeDismissals(Tables, Time);
        var reach = new ArtifactReachStore(Tables);
        Acknowledgement Thanks(string tenant, string note) => new("", tenant, "user-1", "boss", "Boss", null, Week47, Week47, "glue work", note, Time.GetUtcNow(), Quoted: true);
        await acknowledgements.AddAsync(Thanks("tenant-e", "Old thanks"));
        await acknowledgements.AddAsync(Thanks("tenant-f", "Another tenant's old thanks"));
        await nudges.DismissAsync("tenant-e", "user-1", "repeat:onboarding:person:1");
        await reach.PutAsync(new ArtifactReach("tenant-e", "user-1", new Uri("https://contoso.sharepoint.com/a.docx"), ReachStatus.Known, 3, 2, Time.GetUtcNow()));
        Time.Advance(RetentionPolicy.Default.Confirmed + TimeSpan.FromDays(1));
        await acknowledgements.AddAsync(Thanks("tenant-e", "Recent thanks"));
        await nudges.DismissAsync("tenant-e", "user-1", "delegated:2028-11");
        var purge = new RetentionPurge(Tables, Users, Audit, Time);

        var counts = await purge.PurgeTenantAsync("tenant-e", RetentionPolicy.Default);

        Assert.AreEqual(3, counts.EvidenceRemoved, "the old acknowledgement, dismissal and artifact count");
        Assert.AreEqual("Recent thanks", (await acknowledgements.ListAsync("tenant-e", "user-1")).Single().Note);
        CollectionAssert.AreEqual(new[] { "delegated:2028-11" }, (await nudges.ListAsync("tenant-e", "user-1")).ToArray());
        Assert.IsEmpty(await reach.ListAsync("tenant-e", "user-1"));
        Assert.HasCount(1, await acknowledgements.ListAsync("tenant-f", "user-1"), "another tenant's rows are its own purge's");
        StringAssert.Contains((await Audit.ListAsync("tenant-e", AuditLog.TenantSubject)).Single().Detail, "3 acknowledgements, dismissed nudges and artifact counts");
    }
}
