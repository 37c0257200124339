using GlueTeams.Storage.Audit;
using GlueTeams.Storage.Evidence;
using GlueTeams.Storage.Sync;
using GlueTeams.Storage.Users;
using GlueTeams.Core.Users;

namespace GlueTeams.Storage.Tests;

[TestClass]
public sealed class UserDataTests : StorageTestBase
{
    private static UserProfile Profile(string tenant = "tenant-a", string user = "user-1") => new()
    {
        TenantId = tenant,
        UserId = user,
        DisplayName = "Ada Lovelace",
        UserPrincipalName = "ada@contoso.example",
        ManagerUserPrincipalName = "grace@contoso.example",
        TimeZoneId = "Europe/Berlin",
        CardDay = DayOfWeek.Thursday,
        CardTime = new TimeOnly(16, 30),
        SharingDefault = null,
        Conversation = new ConversationReference(new Uri("https://smba.trafficmanager.net/emea/"), "a:1xyz", "28:bot"),
        CreatedAt = Monday47,
    };

    [TestMethod]
    public async Task UserStore_RoundTripsAndLists()
    {
        await Users.UpsertAsync(Profile());
        await Users.UpsertAsync(Profile(user: "user-2") with { Paused = true, SharingDefault = true });
        await Users.UpsertAsync(Profile(tenant: "tenant-b"));

        Assert.AreEqual(Profile(), await Users.GetAsync("tenant-a", "user-1"));
        var listed = await Users.ListAsync("tenant-a").ToListAsync();
        Assert.HasCount(2, listed);
        Assert.IsTrue(listed.Single(u => u.UserId == "user-2").SharingDefault);
        Assert.IsNull(Profile().SharingDefault, "nothing is shared until the user answers");
        Assert.IsTrue(Profile().ShouldReceiveCards);
        Assert.IsFalse(listed.Single(u => u.UserId == "user-2").ShouldReceiveCards);
    }

    [TestMethod]
    public async Task UserStore_UpsertMany_WritesEveryProfileInTransactions()
    {
        await Users.UpsertManyAsync(Enumerable.Range(0, 250).Select(i => Profile(user: $"user-{i:D3}")));
        Assert.HasCount(250, await Users.ListAsync("tenant-a").ToListAsync());
    }

    [TestMethod]
    public async Task UserStore_GetMany_ReadsTheAskedProfilesOfOneTenant_AndTheRestOneByOneWhenTheRangeIsLong()
    {
        await Users.UpsertManyAsync(Enumerable.Range(0, 2100).Select(i => Profile(user: $"user-{i:D4}")));
        await Users.UpsertAsync(Profile(tenant: "tenant-b", user: "user-0003"));

        var neighbours = await Users.GetManyAsync("tenant-a", ["user-0003", "user-0001", "user-0002", "nobody", "user-0001"]);
        CollectionAssert.AreEquivalent(new[] { "user-0001", "user-0002", "user-0003" }, neighbours.Keys.ToList(), "the asked ones that exist, once each");
        Assert.AreEqual(Profile(user: "user-0002"), neighbours["user-0002"]);
        Assert.AreEqual("tenant-a", neighbours["user-0003"].TenantId, "another tenant's user of the same id is not theirs");

        // More than MaxRangeRows rows between the first and the last: those the range query did not reach are read one by one.
        var apart = await Users.GetManyAsync("tenant-a", ["user-0000", "user-2099", "user-2100"]);
        CollectionAssert.AreEquivalent(new[] { "user-0000", "user-2099" }, apart.Keys.ToList());
        Assert.IsEmpty(await Users.GetManyAsync("tenant-c", ["user-0001"]));
    }

    [TestMethod]
    public async Task Tombstones_ErasedAmong_NamesTheErasedOfTheTenantOnly_AndEveryoneOnceTheTenantIsOffboarded()
    {
        var tombstones = new ErasureTombstones(Tables, Time);
        var multiTenant = new ErasureTombstones(Tables, Time, checksTenants: true);
        await tombstones.MarkAsync("tenant-a", "user-1");
        await tombstones.MarkAsync("tenant-a", "user-3");
        await tombstones.MarkAsync("tenant-b", "user-2");
        string[] asked = ["user-1", "user-2", "user-3", "user-4"];

        CollectionAssert.AreEquivalent(new[] { "user-1", "user-3" }, (await tombstones.ErasedAmongAsync("tenant-a", asked)).ToList());
        await tombstones.ClearAsync("tenant-a", "user-3"); // reinstalled
        CollectionAssert.AreEquivalent(new[] { "user-1" }, (await tombstones.ErasedAmongAsync("tenant-a", asked)).ToList());
        Assert.IsFalse(await tombstones.IsErasedAsync("tenant-a", "user-3"));

        await tombstones.MarkTenantAsync("tenant-a");
        CollectionAssert.AreEquivalent(asked, (await multiTenant.ErasedAmongAsync("tenant-a", asked)).ToList());
        Assert.IsTrue(await multiTenant.IsErasedAsync("tenant-a", "user-4"));
        CollectionAssert.AreEquivalent(new[] { "user-1" }, (await tombstones.ErasedAmongAsync("tenant-a", asked)).ToList(), "self-hosted has no offboarding");
        CollectionAssert.AreEquivalent(new[] { "user-2" }, (await multiTenant.ErasedAmongAsync("tenant-b", asked)).ToList());
        Assert.AreEqual(1, await tombstones.DeleteUsersOfTenantAsync("tenant-a"));
        Assert.IsTrue(await tombstones.IsTenantErasedAsync("tenant-a"), "the tenant's own tombstone stays");
        Assert.IsTrue(await tombstones.IsErasedAsync("tenant-b", "user-2"));
    }

    [TestMethod]
    public async Task Tombstones_OfTheEarlierLayout_AreMovedSoThatTheErasedStayErased()
    {
        var tombstones = new ErasureTombstones(Tables, Time);
        var before = await Tables.Tombstones.QueryAsync<Azure.Data.Tables.TableEntity>().Select(e => (e.PartitionKey, e.RowKey)).ToHashSetAsync();
        await tombstones.MarkAsync("tenant-legacy", "user-9");
        var current = await Tables.Tombstones.QueryAsync<Azure.Data.Tables.TableEntity>().SingleAsync(e => !before.Contains((e.PartitionKey, e.RowKey)));
        var (tenantKey, userKey) = (current.PartitionKey, current.RowKey);
        await Tables.Tombstones.DeleteEntityAsync(tenantKey, userKey);
        // As stop 19 wrote it: a partition per user, row "", the tenant's hash in a column.
        await Tables.Tombstones.AddEntityAsync(new Azure.Data.Tables.TableEntity(userKey, "") { ["ErasedAt"] = Time.GetUtcNow(), ["TenantKey"] = tenantKey });
        Assert.IsFalse(await tombstones.IsErasedAsync("tenant-legacy", "user-9"), "unmoved, the earlier layout is not found");

        Assert.AreEqual(1, await tombstones.MoveLegacyAsync());

        Assert.IsTrue(await tombstones.IsErasedAsync("tenant-legacy", "user-9"));
        CollectionAssert.AreEquivalent(new[] { "user-9" }, (await tombstones.ErasedAmongAsync("tenant-legacy", ["user-9", "user-8"])).ToList());
        Assert.AreEqual(0, await tombstones.MoveLegacyAsync(), "nothing left to move");
        Assert.IsFalse((await Tables.Tombstones.GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>(userKey, "")).HasValue, "the old row is gone");
    }

    [TestMethod]
    public async Task UserStore_UnknownUser_IsNull() => Assert.IsNull(await Users.GetAsync("tenant-a", "nobody"));

    [TestMethod]
    public async Task SyncState_RoundTripsAndMarkKeepsTheDeltaLink()
    {
        var state = new SyncState("tenant-a", "user-1", Week47, "https://graph.example/delta?token=abc", Monday47, false, null);
        await SyncStates.PutAsync(state);
        Assert.AreEqual(state, await SyncStates.GetAsync("tenant-a", "user-1", Week47));

        await SyncStates.MarkForResyncAsync("tenant-a", "user-1", Week47);

        var marked = (await SyncStates.GetAsync("tenant-a", "user-1", Week47))!;
        Assert.IsTrue(marked.NeedsResync);
        Assert.AreEqual(state.DeltaLink, marked.DeltaLink);
        Assert.IsNull(await SyncStates.GetAsync("tenant-b", "user-1", Week47));

        await SyncStates.MarkForResyncAsync("tenant-a", "user-1", Week47, "Graph answered 503");
        Assert.AreEqual("Graph answered 503", (await SyncStates.GetAsync("tenant-a", "user-1", Week47))!.LastError);
        await SyncStates.RecordSyncedAsync("tenant-a", "user-1", Week47, Monday47.AddHours(1));
        var synced = (await SyncStates.GetAsync("tenant-a", "user-1", Week47))!;
        Assert.AreEqual(new SyncState("tenant-a", "user-1", Week47, state.DeltaLink, Monday47.AddHours(1), false, null), synced);
    }

    [TestMethod]
    public async Task AuditLog_ListsNewestFirstPerSubject()
    {
        await Audit.AppendAsync("tenant-a", "user-1", "manager-1", "manager-viewed-summary", "12 weeks");
        Time.Advance(TimeSpan.FromMinutes(5));
        await Audit.AppendAsync("tenant-a", "user-1", "manager-1", "manager-viewed-member", "week 2026-W47");
        await Audit.AppendAsync("tenant-a", "user-2", "manager-1", "manager-viewed-summary", "12 weeks");

        var entries = await Audit.ListAsync("tenant-a", "user-1");

        CollectionAssert.AreEqual(new[] { "manager-viewed-member", "manager-viewed-summary" }, entries.Select(e => e.Action).ToArray());
        Assert.AreEqual(Monday47.AddMinutes(5), entries[0].At);
        Assert.IsEmpty(await Audit.ListAsync("tenant-b", "user-1"));
    }

    [TestMethod]
    public async Task Erase_DeletesEveryTableOfThatUserOnlyAndCountsIt()
    {
        await Users.UpsertAsync(Profile());
        await Users.UpsertAsync(Profile(user: "user-2"));
        await Activities.UpsertObservedAsync(Enumerable.Range(0, 130).Select(i => Observed($"ev-{i}")).ToList());
        await Activities.UpsertObservedAsync([Observed("ev-0", user: "user-2")]);
        await SyncStates.PutAsync(new SyncState("tenant-a", "user-1", Week47, null, Monday47, false, null));
        await Audit.AppendAsync("tenant-a", "user-1", "manager-1", "manager-viewed-summary", "");
        await Claims.TryClaimAsync("tenant-a", "user-1", "activity:abc", "instance-1");
        var acknowledgements = new AcknowledgementStore(Tables);
        var nudges = new NudgeDismissals(Tables, Time);
        var reach = new ArtifactReachStore(Tables);
        foreach (var user in new[] { "user-1", "user-2" })
        {
            await acknowledgements.AddAsync(new Acknowledgement("", "tenant-a", user, "manager-1", "Grace", null, Week47, Week47, "that week", "Thank you", Monday47, false));
            await nudges.DismissAsync("tenant-a", user, "repeat:onboarding:x");
            await reach.PutAsync(new ArtifactReach("tenant-a", user, new Uri("https://contoso.sharepoint.com/a.docx"), ReachStatus.Known, 3, 2, Monday47));
        }
        var eraser = new UserDataEraser(Tables, Activities, SyncStates, Audit, Claims, Users, new ErasureTombstones(Tables, Time));

        var counts = await eraser.EraseAsync("tenant-a", "user-1");

        Assert.AreEqual(new ErasureCounts(130, 1, 1, 1, true, Evidence: 3), counts);
        Assert.IsEmpty(await acknowledgements.ListAsync("tenant-a", "user-1"));
        Assert.IsEmpty(await nudges.ListAsync("tenant-a", "user-1"));
        Assert.IsEmpty(await reach.ListAsync("tenant-a", "user-1"));
        Assert.HasCount(1, await acknowledgements.ListAsync("tenant-a", "user-2"), "another user's acknowledgements stay");
        Assert.IsNull(await Users.GetAsync("tenant-a", "user-1"));
        Assert.IsEmpty(await Activities.ListAsync("tenant-a", "user-1", Week47, Week47));
        Assert.IsEmpty(await Audit.ListAsync("tenant-a", "user-1"));
        Assert.IsNotNull(await Users.GetAsync("tenant-a", "user-2"));
        Assert.HasCount(1, await Activities.ListAsync("tenant-a", "user-2", Week47, Week47));
        var tenantLog = await Audit.ListAsync("tenant-a", AuditLog.TenantSubject);
        Assert.AreEqual("user-data-erased", tenantLog.Single().Action);

        Assert.AreEqual(new ErasureCounts(0, 0, 0, 0, false), await eraser.EraseAsync("tenant-a", "user-1"));
        Assert.IsTrue(await Claims.TryClaimAsync("tenant-a", "user-1", "activity:abc", "instance-1"), "the erased claim is free again");
    }
}
