using GlueTeams.App.Records;
using GlueTeams.Core.Records;
using GlueTeams.Core.Users;
using GlueTeams.Core.Weeks;
using GlueTeams.Storage;
using GlueTeams.Storage.Activities;
using GlueTeams.Storage.Users;
using GlueTeams.Testing;

namespace GlueTeams.App.Tests.Records;

/// <summary>The profile's "has confirmed something" note is written where a record is confirmed, and only then.</summary>
[TestClass]
public sealed class RecordDecisionsTests
{
    private static readonly IsoWeek Week = new(2026, 47);
    private static readonly DateTimeOffset Monday = new(2026, 11, 16, 9, 0, 0, TimeSpan.Zero);

    private static ActivityRecord Record(string key, string user = "user-1") => new()
    {
        TenantId = "tenant-a", UserId = user, EventKey = key, Week = Week, Start = Monday, End = Monday.AddHours(1), Title = "Onboarding with Kim",
    };

    private static ActivityRecord Confirmed(ActivityRecord record, string category = "onboarding") => record with
    {
        Status = ActivityStatus.Confirmed,
        Confirmation = new Confirmation(category, Impact.OneOff, null, null, null, false, false, Monday),
    };

    private static async Task<(GlueTables Tables, ActivityStore Activities, UserStore Users, RecordDecisions Decisions)> StartAsync()
    {
        var tables = new GlueTables(Azurite.NewStorageOptions());
        await tables.EnsureCreatedAsync();
        var (activities, users) = (new ActivityStore(tables), new UserStore(tables));
        await users.UpsertAsync(new UserProfile { TenantId = "tenant-a", UserId = "user-1" });
        await users.UpsertAsync(new UserProfile { TenantId = "tenant-a", UserId = "user-2" });
        return (tables, activities, users, new RecordDecisions(activities, users));
    }

    [TestMethod]
    public async Task A_confirmed_write_notes_it_on_the_profile_and_a_skip_or_a_conflict_does_not()
    {
        var (tables, activities, users, decisions) = await StartAsync();
        try
        {
            await decisions.PutDecidedAsync(Record("skipped", "user-2") with { Status = ActivityStatus.Skipped });
            Assert.IsFalse((await users.GetAsync("tenant-a", "user-2"))!.HasConfirmations, "a skip is not a confirmation");

            await activities.UpsertObservedAsync([Record("ev-1", "user-2")]);
            var stored = (await activities.GetAsync("tenant-a", "user-2", RecordIds.Of(Record("ev-1"))))!;
            await activities.ReplaceAsync(stored with { Record = stored.Record with { Title = "moved" } });
            var conflict = await decisions.ReplaceAsync(stored with { Record = Confirmed(stored.Record) });
            Assert.IsInstanceOfType<WriteResult.Conflict>(conflict);
            Assert.IsFalse((await users.GetAsync("tenant-a", "user-2"))!.HasConfirmations, "nothing was confirmed: the write lost");

            Assert.IsInstanceOfType<WriteResult.Written>(await decisions.AddDecidedAsync(Confirmed(Record("ev-2"))));
            Assert.IsTrue((await users.GetAsync("tenant-a", "user-1"))!.HasConfirmations);
            Assert.IsFalse((await users.GetAsync("tenant-a", "user-2"))!.HasConfirmations, "only the user who confirmed");
        }
        finally
        {
            foreach (var table in tables.All)
            {
                await table.DeleteAsync();
            }
        }
    }

    [TestMethod]
    public async Task A_sync_week_with_a_tagged_meeting_notes_it_and_an_add_in_user_without_a_profile_gets_none()
    {
        var (tables, _, users, decisions) = await StartAsync();
        try
        {
            Assert.IsNotNull(await decisions.TryUpsertObservedAndAddDecidedAsync([Record("ev-1", "user-2")], [Confirmed(Record("ev-2", "user-2"))]));
            Assert.IsTrue((await users.GetAsync("tenant-a", "user-2"))!.HasConfirmations);

            Assert.IsInstanceOfType<WriteResult.Written>(await decisions.PutDecidedAsync(Confirmed(Record("ev-3", "no-profile"))));
            Assert.IsNull(await users.GetAsync("tenant-a", "no-profile"), "no profile is made up for someone who never installed the bot");
        }
        finally
        {
            foreach (var table in tables.All)
            {
                await table.DeleteAsync();
            }
        }
    }
}
