using GlueTeams.App.Cli;
using GlueTeams.App.Extensions;
using GlueTeams.App.Retention;
using GlueTeams.App.Tests.Hosting;
using GlueTeams.Core.Records;
using GlueTeams.Core.Weeks;
using GlueTeams.Storage;
using GlueTeams.Storage.Activities;
using GlueTeams.Storage.Audit;
using GlueTeams.Storage.Claims;
using GlueTeams.Storage.Leases;
using GlueTeams.Storage.Retention;
using GlueTeams.Storage.Sync;
using GlueTeams.Storage.Users;
using GlueTeams.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using GlueTeams.Core.Users;

namespace GlueTeams.App.Tests.Privacy;

/// <summary>
/// "Retention is bounded and configurable per tenant (unconfirmed suggestions purged after 90 days, confirmed records
/// kept 2 years), enforced by a scheduled purge that logs what it removed": on a fake clock, against Azurite.
/// </summary>
[TestClass]
public sealed class RetentionPromiseTests
{
    private const string TenantA = "tenant-a";
    private const string TenantB = "tenant-b";
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 3, 0, 0, TimeSpan.Zero);
    private static IsoWeek ThisWeek => IsoWeek.Containing(Now, TimeZoneInfo.Utc);

    private sealed class Parts
    {
        public Parts(GlueTables tables, FakeTimeProvider time, RetentionOptions options)
        {
            Tables = tables;
            Time = time;
            Activities = new ActivityStore(tables);
            Users = new UserStore(tables);
            Audit = new AuditLog(tables, time);
            Claims = new ClaimStore(tables, time);
            SyncStates = new SyncStateStore(tables);
            Tombstones = new ErasureTombstones(tables, time);
            Run = new RetentionRun(new RetentionPurge(tables, Users, Audit, time, Tombstones), options, NullLogger<RetentionRun>.Instance);
        }

        public GlueTables Tables { get; }
        public FakeTimeProvider Time { get; }
        public ActivityStore Activities { get; }
        public UserStore Users { get; }
        public AuditLog Audit { get; }
        public ClaimStore Claims { get; }
        public SyncStateStore SyncStates { get; }
        public ErasureTombstones Tombstones { get; }
        public RetentionRun Run { get; }

        public RetentionJob Job() => new(Run, new JobLease(Tables, Time), Time, NullLogger<RetentionJob>.Instance);

        public static async Task<Parts> StartAsync(RetentionOptions? options = null, DateTimeOffset? start = null)
        {
            var tables = new GlueTables(Azurite.NewStorageOptions());
            await tables.EnsureCreatedAsync();
            return new Parts(tables, new FakeTimeProvider(start ?? Now), options ?? new RetentionOptions());
        }

        public async Task<List<string>> KeysAsync(string tenant, string user) =>
            [.. (await Activities.ListAllAsync(tenant, user)).Select(r => r.Record.EventKey)];

        public async Task SeedAsync(string tenant, string user, bool profile = true)
        {
            if (profile)
            {
                await Users.UpsertAsync(new UserProfile { TenantId = tenant, UserId = user });
            }
            foreach (var (key, weeksAgo, confirmed) in new[]
            {
                ("suggested-10w", 10, false), ("suggested-14w", 14, false), ("confirmed-14w", 14, true),
                ("confirmed-100w", 100, true), ("confirmed-106w", 106, true),
            })
            {
                var record = SimulatedRecords.Meeting(tenant, user, ThisWeek.AddWeeks(-weeksAgo), 0) with { EventKey = key };
                await Activities.PutDecidedAsync(confirmed ? record.Confirmed("mentoring", shared: true) : record);
            }
        }
    }

    [TestMethod]
    public async Task DailyJob_AppliesThePolicyPerTenant_ToEveryUser_IncludingAddInOnlyUsers()
    {
        // Tenant B keeps unconfirmed suggestions 30 days and confirmed records one year.
        var parts = await Parts.StartAsync(new RetentionOptions
        {
            Tenants = new(StringComparer.OrdinalIgnoreCase) { [TenantB] = new RetentionDays { UnconfirmedDays = 30, ConfirmedDays = 365 } },
        }, start: Now - TimeSpan.FromDays(8));
        await parts.SeedAsync(TenantA, "user-1");
        await parts.SeedAsync(TenantA, "addin-only", profile: false);
        await parts.SeedAsync(TenantB, "user-2");
        await parts.Claims.TryClaimAsync(TenantA, "user-1", "activity:old", "i");
        parts.Time.SetUtcNow(Now);
        await parts.Claims.TryClaimAsync(TenantA, "user-1", "activity:fresh", "i");

        Assert.IsTrue(await parts.Job().RunIfDueAsync(CancellationToken.None));

        CollectionAssert.AreEquivalent(new[] { "suggested-10w", "confirmed-14w", "confirmed-100w" }, await parts.KeysAsync(TenantA, "user-1"),
            "90 days for suggestions, two years for confirmed records");
        CollectionAssert.AreEquivalent(new[] { "suggested-10w", "confirmed-14w", "confirmed-100w" }, await parts.KeysAsync(TenantA, "addin-only"),
            "a user with records and no profile is purged like anyone");
        CollectionAssert.AreEquivalent(new[] { "confirmed-14w" }, await parts.KeysAsync(TenantB, "user-2"), "tenant B's own policy");
        Assert.IsTrue(await parts.Claims.TryClaimAsync(TenantA, "user-1", "activity:old", "i"), "a claim older than a week is gone");
        Assert.IsFalse(await parts.Claims.TryClaimAsync(TenantA, "user-1", "activity:fresh", "i"));
        var log = (await parts.Audit.ListAsync(TenantA, AuditLog.TenantSubject)).Single();
        Assert.AreEqual("retention-purge", log.Action);
        StringAssert.StartsWith(log.Detail, "2 unconfirmed records, 2 confirmed records, 1 delivery claims, 0 orphaned rows, over 2 users");
    }

    [TestMethod]
    public async Task DailyJob_RunsOnOneInstanceAtATime_AndOnceADay()
    {
        var parts = await Parts.StartAsync();
        await parts.SeedAsync(TenantA, "user-1");
        var instances = Enumerable.Range(0, 4).Select(_ => parts.Job()).ToList();

        var ran = await Task.WhenAll(instances.Select(j => j.RunIfDueAsync(CancellationToken.None)));
        Assert.AreEqual(1, ran.Count(r => r), "four instances polled together, one ran");

        parts.Time.Advance(TimeSpan.FromHours(1));
        Assert.IsFalse((await Task.WhenAll(instances.Select(j => j.RunIfDueAsync(CancellationToken.None)))).Any(r => r), "not again within the day");
        parts.Time.Advance(TimeSpan.FromDays(1));
        Assert.AreEqual(1, (await Task.WhenAll(instances.Select(j => j.RunIfDueAsync(CancellationToken.None)))).Count(r => r), "the next day, once");
        Assert.HasCount(2, await parts.Audit.ListAsync(TenantA, AuditLog.TenantSubject));
    }

    [TestMethod]
    public async Task DailyJob_HolderDied_TheLeaseExpiresAndAnotherInstanceRuns()
    {
        var parts = await Parts.StartAsync();
        await parts.SeedAsync(TenantA, "user-1");
        var leases = new JobLease(parts.Tables, parts.Time);
        Assert.IsNotNull(await leases.TryTakeAsync(RetentionJob.LeaseName, "a-dead-instance", TimeSpan.FromHours(2)));

        Assert.IsFalse(await parts.Job().RunIfDueAsync(CancellationToken.None), "held");
        parts.Time.Advance(TimeSpan.FromHours(3));
        Assert.IsTrue(await parts.Job().RunIfDueAsync(CancellationToken.None), "expired: taken over");
    }

    [TestMethod]
    public async Task Purge_SweepsWhatAnErasureRaceLeft_AndNothingOfAnyoneElse()
    {
        var parts = await Parts.StartAsync();
        await parts.SeedAsync(TenantA, "user-1");
        await parts.SeedAsync(TenantA, "erased", profile: false);
        await parts.Tombstones.MarkAsync(TenantA, "erased");
        await parts.SyncStates.MarkForResyncAsync(TenantA, "erased", ThisWeek);
        await parts.Audit.AppendAsync(TenantA, "erased", "manager-1", "manager-viewed-member-summary", "");
        await parts.SyncStates.MarkForResyncAsync(TenantA, "no-profile-sync-only", ThisWeek);

        var result = (await parts.Run.RunAsync(dryRun: false)).Single();

        Assert.AreEqual(5 + 1 + 1 + 1, result.Counts.OrphanRows, "five records, a sync state and an audit entry of the erased user; a lone sync state");
        Assert.IsEmpty(await parts.KeysAsync(TenantA, "erased"));
        Assert.IsNull(await parts.SyncStates.GetAsync(TenantA, "erased", ThisWeek));
        Assert.IsEmpty(await parts.Audit.ListAsync(TenantA, "erased"));
        Assert.IsNull(await parts.SyncStates.GetAsync(TenantA, "no-profile-sync-only", ThisWeek));
        Assert.HasCount(3, await parts.KeysAsync(TenantA, "user-1"));
    }

    [TestMethod]
    public async Task PurgeCommand_DryRunCountsAndDeletesNothing_ThenPurges()
    {
        await using var app = new AppFactory();
        var services = app.Services;
        var activities = services.GetRequiredService<ActivityStore>();
        var real = TestClock.Shared.GetUtcNow();
        var old = SimulatedRecords.Meeting(TenantA, "user-1", IsoWeek.Containing(real, TimeZoneInfo.Utc).AddWeeks(-20), 0);
        await services.GetRequiredService<UserStore>().UpsertAsync(new UserProfile { TenantId = TenantA, UserId = "user-1" });
        await activities.PutDecidedAsync(old);

        using var output = new StringWriter();
        Assert.AreEqual(0, await PurgeCommand.RunAsync(["--dry-run"], services, output, TextWriter.Null));
        StringAssert.Contains(output.ToString(), "tenant-a: would remove 1 unconfirmed records");
        StringAssert.Contains(output.ToString(), "dry run: nothing was deleted");
        Assert.HasCount(1, await activities.ListAllAsync(TenantA, "user-1"));

        using var second = new StringWriter();
        Assert.AreEqual(0, await PurgeCommand.RunAsync(["--tenant", TenantA], services, second, TextWriter.Null));
        StringAssert.Contains(second.ToString(), "tenant-a: removed 1 unconfirmed records");
        Assert.IsEmpty(await activities.ListAllAsync(TenantA, "user-1"));

        using var errors = new StringWriter();
        Assert.AreEqual(2, await PurgeCommand.RunAsync(["--tenant", "x'y"], services, TextWriter.Null, errors));
        Assert.AreEqual(2, await PurgeCommand.RunAsync(["--everything"], services, TextWriter.Null, errors));
        StringAssert.Contains(errors.ToString(), "usage: purge");
    }

    [TestMethod]
    public void RetentionSettings_BindTheDefaultAndEachTenantsOwnPolicy()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Retention:UnconfirmedDays"] = "60",
            ["Retention:Tenants:Tenant-B:ConfirmedDays"] = "365",
            ["Retention:RunJob"] = "false",
        }).Build();

        var options = configuration.Read<RetentionOptions>(RetentionOptions.Section);

        Assert.IsEmpty(options.Problems());
        Assert.IsFalse(options.RunJob);
        Assert.AreEqual(TimeSpan.FromDays(60), options.For("tenant-a").Unconfirmed);
        Assert.AreEqual(TimeSpan.FromDays(730), options.For("tenant-a").Confirmed);
        Assert.AreEqual(TimeSpan.FromDays(365), options.For("tenant-b").Confirmed, "a tenant's id in any case");
        Assert.AreEqual(TimeSpan.FromDays(90), options.For("tenant-b").Unconfirmed, "what a tenant does not set is the product's default");
    }

    [TestMethod]
    [DataRow("Retention:UnconfirmedDays", "0")]
    [DataRow("Retention:ConfirmedDays", "99999")]
    [DataRow("Retention:Tenants:t1:ClaimDays", "-1")]
    public void BadRetentionSettings_AreRefusedAtStart(string key, string value)
    {
        var (starts, errors, _) = SettingsCheck.Run<RetentionOptions>(RetentionOptions.Section, o => o.Problems(), new() { [key] = value });

        Assert.IsFalse(starts, "the app does not start");
        StringAssert.Contains(errors, key);
        StringAssert.Contains(errors, "must be 1 to 3650 days");
    }
}
