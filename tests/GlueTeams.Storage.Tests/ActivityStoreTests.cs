using GlueTeams.Core.Records;
using GlueTeams.Core.Weeks;
using GlueTeams.Storage.Activities;
using GlueTeams.Storage.Tables;

namespace GlueTeams.Storage.Tests;

[TestClass]
public sealed class ActivityStoreTests : StorageTestBase
{
    [TestMethod]
    public async Task UpsertObserved_ThenGet_RoundTripsEveryField()
    {
        var record = Observed("040000008200E00074C5B7101A82E008");
        await Activities.UpsertObservedAsync([record]);

        var stored = await Activities.GetAsync("tenant-a", "user-1", RecordIds.Of(record));

        Assert.IsNotNull(stored);
        Assert.AreEqual(record, stored.Record);
        Assert.AreEqual(ActivityStatus.Suggested, stored.Record.Status);
        Assert.AreEqual(45, stored.Record.Minutes);
    }

    [TestMethod]
    public async Task UpsertObserved_Twice_UpdatesTimeAndTitleWithoutDuplicating()
    {
        await Activities.UpsertObservedAsync([Observed("ev-1"), Observed("ev-2", offsetMinutes: 60)]);
        await Activities.UpsertObservedAsync([Observed("ev-1", title: "Design review: payments v2", offsetMinutes: 30)]);

        var all = await Activities.ListAsync("tenant-a", "user-1", Week47, Week47);

        Assert.HasCount(2, all);
        var moved = all.Single(r => r.Record.EventKey == "ev-1").Record;
        Assert.AreEqual("Design review: payments v2", moved.Title);
        Assert.AreEqual(Monday47.AddMinutes(30), moved.Start);
    }

    [TestMethod]
    public async Task UpsertObserved_AfterConfirmation_KeepsTheConfirmation()
    {
        await Activities.UpsertObservedAsync([Observed("ev-1")]);
        var stored = (await Activities.GetAsync("tenant-a", "user-1", RecordIds.Of(Observed("ev-1"))))!;
        await Activities.ReplaceAsync(stored with { Record = stored.Record with { Status = ActivityStatus.Confirmed, Confirmation = Confirmed() } });

        var resynced = Observed("ev-1", title: "Renamed") with { Suggestion = new Suggestion("not-glue", 0.9, "newer suggestion") };
        await Activities.UpsertObservedAsync([resynced]);
        await Activities.UpsertObservedAsync(resynced);

        var after = (await Activities.GetAsync("tenant-a", "user-1", stored.Id))!.Record;
        Assert.AreEqual(ActivityStatus.Confirmed, after.Status);
        Assert.AreEqual(Confirmed(), after.Confirmation);
        Assert.AreEqual("Renamed", after.Title);
        Assert.AreEqual("not-glue", after.Suggestion!.CategoryId);
    }

    [TestMethod]
    public async Task UpsertObserved_AfterSkip_StaysSkipped()
    {
        await Activities.UpsertObservedAsync([Observed("ev-1")]);
        var stored = (await Activities.GetAsync("tenant-a", "user-1", RecordIds.Of(Observed("ev-1"))))!;
        await Activities.ReplaceAsync(stored with { Record = stored.Record with { Status = ActivityStatus.Skipped } });

        await Activities.UpsertObservedAsync([Observed("ev-1")]);

        Assert.AreEqual(ActivityStatus.Skipped, (await Activities.GetAsync("tenant-a", "user-1", stored.Id))!.Record.Status);
    }

    [TestMethod]
    public async Task Replace_WithStaleETag_ReturnsConflictWithTheCurrentRecord()
    {
        await Activities.UpsertObservedAsync([Observed("ev-1")]);
        var read = (await Activities.GetAsync("tenant-a", "user-1", RecordIds.Of(Observed("ev-1"))))!;
        var first = await Activities.ReplaceAsync(read with { Record = read.Record with { Status = ActivityStatus.Confirmed, Confirmation = Confirmed("mentoring") } });
        var second = await Activities.ReplaceAsync(read with { Record = read.Record with { Status = ActivityStatus.Confirmed, Confirmation = Confirmed("hiring") } });

        Assert.IsInstanceOfType<WriteResult.Written>(first);
        var conflict = (WriteResult.Conflict)second;
        Assert.AreEqual("mentoring", conflict.Current.Record.Confirmation!.CategoryId);
        Assert.AreEqual("mentoring", (await Activities.GetAsync("tenant-a", "user-1", read.Id))!.Record.Confirmation!.CategoryId);
    }

    [TestMethod]
    public async Task Replace_WrittenETag_AllowsTheNextWrite()
    {
        await Activities.UpsertObservedAsync([Observed("ev-1")]);
        var read = (await Activities.GetAsync("tenant-a", "user-1", RecordIds.Of(Observed("ev-1"))))!;
        var written = (WriteResult.Written)await Activities.ReplaceAsync(read with { Record = read.Record with { Status = ActivityStatus.Skipped } });
        var undone = await Activities.ReplaceAsync(written.Record with { Record = written.Record.Record with { Status = ActivityStatus.Suggested } });
        Assert.IsInstanceOfType<WriteResult.Written>(undone);
    }

    [TestMethod]
    public async Task Replace_DeletedRecord_ReturnsNotFound()
    {
        await Activities.UpsertObservedAsync([Observed("ev-1")]);
        var read = (await Activities.GetAsync("tenant-a", "user-1", RecordIds.Of(Observed("ev-1"))))!;
        Assert.IsTrue(await Activities.DeleteAsync(read));
        Assert.IsFalse(await Activities.DeleteAsync(read), "a second delete finds nothing");
        Assert.IsInstanceOfType<WriteResult.NotFound>(await Activities.ReplaceAsync(read));
    }

    [TestMethod]
    public async Task PutDecided_NewRecord_IsStoredConfirmed_AndDoesNotOverwriteAConfirmedOne()
    {
        var tag = Observed("ev-1") with { Source = ActivitySource.OutlookTag, Status = ActivityStatus.Confirmed, Confirmation = Confirmed("onboarding") };
        Assert.IsInstanceOfType<WriteResult.Written>(await Activities.PutDecidedAsync(tag));
        var again = await Activities.PutDecidedAsync(tag with { Confirmation = Confirmed("hiring") });
        Assert.IsInstanceOfType<WriteResult.Written>(again, "the user's own later tag replaces their earlier one");
        var stored = (await Activities.GetAsync("tenant-a", "user-1", RecordIds.Of(tag)))!;
        Assert.AreEqual("hiring", stored.Record.Confirmation!.CategoryId);
        Assert.AreEqual(ActivitySource.OutlookTag, stored.Record.Source);
    }

    [TestMethod]
    public async Task Confirmed_writes_touch_the_activities_table_only()
    {
        await Users.UpsertAsync(new GlueTeams.Core.Users.UserProfile { TenantId = "tenant-a", UserId = "user-1" });
        var tag = Observed("ev-1") with { Source = ActivitySource.OutlookTag, Status = ActivityStatus.Confirmed, Confirmation = Confirmed("onboarding") };

        var written = (WriteResult.Written)await Activities.PutDecidedAsync(tag);
        await Activities.ReplaceAsync(written.Record with { Record = tag with { Confirmation = Confirmed("hiring") } });
        await Activities.TryUpsertObservedAndAddDecidedAsync([Observed("ev-2")], [Observed("ev-3") with { Status = ActivityStatus.Confirmed, Confirmation = Confirmed("mentoring") }]);

        Assert.IsFalse((await Users.GetAsync("tenant-a", "user-1"))!.HasConfirmations, "the profile is the App's to mark (RecordDecisions)");
    }

    [TestMethod]
    public async Task List_ReturnsOnlyTheRequestedWeeksInTimeOrder()
    {
        var week46 = Week47.Previous;
        var week48 = Week47.Next;
        await Activities.UpsertObservedAsync(
        [
            Observed("late", offsetMinutes: 600), Observed("early", offsetMinutes: 0),
            Observed("before", week: week46), Observed("after", week: week48),
        ]);

        var only47 = await Activities.ListAsync("tenant-a", "user-1", Week47, Week47);
        var all = await Activities.ListAsync("tenant-a", "user-1", week46, week48);

        CollectionAssert.AreEqual(new[] { "early", "late" }, only47.Select(r => r.Record.EventKey).ToArray());
        Assert.HasCount(4, all);
    }

    [TestMethod]
    public async Task SameObjectIdInTwoTenants_NeverSeesTheOther()
    {
        await Activities.UpsertObservedAsync([Observed("ev-1", tenant: "tenant-a", title: "A's meeting")]);
        await Activities.UpsertObservedAsync([Observed("ev-1", tenant: "tenant-b", title: "B's meeting")]);

        var a = await Activities.ListAsync("tenant-a", "user-1", Week47, Week47);
        var b = await Activities.ListAsync("tenant-b", "user-1", Week47, Week47);

        Assert.AreEqual("A's meeting", a.Single().Record.Title);
        Assert.AreEqual("B's meeting", b.Single().Record.Title);
        Assert.IsNull(await Activities.GetAsync("tenant-c", "user-1", a.Single().Id));
        Assert.AreEqual(1, await Activities.DeleteAllAsync("tenant-a", "user-1"));
        Assert.HasCount(1, await Activities.ListAsync("tenant-b", "user-1", Week47, Week47));
    }

    [TestMethod]
    [DataRow("AAMkAGI2/TG93AAA+abc==")]
    [DataRow("id#with?hash")]
    [DataRow("back\\slash")]
    [DataRow("emoji-🎉-id")]
    [DataRow("tab\tcontrol\u0001")]
    [DataRow("~looks-encoded")]
    [DataRow("it's")]
    public async Task HostileIds_AreStoredAndFoundUnchanged(string id)
    {
        var record = Observed(id, tenant: id, user: id);
        await Activities.UpsertObservedAsync([record]);

        var listed = await Activities.ListAsync(id, id, Week47, Week47);

        Assert.AreEqual(id, listed.Single().Record.EventKey);
        Assert.AreEqual(id, listed.Single().Record.TenantId);
        Assert.IsNotNull(await Activities.GetAsync(id, id, listed.Single().Id));
    }

    [TestMethod]
    public async Task KilobyteLongIds_AreStoredAndDistinct()
    {
        var longA = new string('a', 1024);
        var longB = new string('a', 1023) + "b";
        await Activities.UpsertObservedAsync([Observed(longA, user: longA), Observed(longB, user: longA)]);
        var listed = await Activities.ListAsync("tenant-a", longA, Week47, Week47);
        CollectionAssert.AreEquivalent(new[] { longA, longB }, listed.Select(r => r.Record.EventKey).ToArray());
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("garbage")]
    [DataRow("2026-W47")]
    [DataRow("2026-W47|a/b")]
    [DataRow("../../etc")]
    public async Task Get_MalformedRecordId_IsNullWithoutError(string id) =>
        Assert.IsNull(await Activities.GetAsync("tenant-a", "user-1", id));

    [TestMethod]
    public async Task UpsertObserved_250Records_UsesThreeTransactions()
    {
        var records = Enumerable.Range(0, 250).Select(i => Observed($"ev-{i:D3}", offsetMinutes: i)).ToList();
        var counts = await Activities.UpsertObservedAsync(records);
        Assert.AreEqual(3, counts.Transactions);
        Assert.HasCount(250, await Activities.ListAsync("tenant-a", "user-1", Week47, Week47));
    }

    [TestMethod]
    public async Task UpsertObserved_TitleOverTableStringLimit_RefusedBeforeSending()
    {
        var huge = Observed("ev-1", title: new string('x', TableLimits.MaxStringChars + 1));
        await Assert.ThrowsExactlyAsync<TableLimitException>(() => Activities.UpsertObservedAsync([huge]));
        Assert.IsEmpty(await Activities.ListAsync("tenant-a", "user-1", Week47, Week47));
    }
}
