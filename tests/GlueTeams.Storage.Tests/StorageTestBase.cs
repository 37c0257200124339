using GlueTeams.Core.Records;
using GlueTeams.Core.Weeks;
using GlueTeams.Storage.Activities;
using GlueTeams.Storage.Audit;
using GlueTeams.Storage.Claims;
using GlueTeams.Storage.Sync;
using GlueTeams.Storage.Users;
using GlueTeams.Testing;
using Microsoft.Extensions.Time.Testing;

namespace GlueTeams.Storage.Tests;

/// <summary>Fresh tables in the shared Azurite for every test class.</summary>
public abstract class StorageTestBase
{
    protected static readonly IsoWeek Week47 = new(2026, 47);
    protected static readonly DateTimeOffset Monday47 = new(2026, 11, 16, 9, 0, 0, TimeSpan.Zero);

    protected GlueTables Tables { get; private set; } = null!;
    protected ActivityStore Activities { get; private set; } = null!;
    protected UserStore Users { get; private set; } = null!;
    protected SyncStateStore SyncStates { get; private set; } = null!;
    protected AuditLog Audit { get; private set; } = null!;
    protected ClaimStore Claims { get; private set; } = null!;
    protected FakeTimeProvider Time { get; } = new(Monday47);

    [TestInitialize]
    public async Task CreateTablesAsync()
    {
        Tables = new GlueTables(Azurite.NewStorageOptions());
        await Tables.EnsureCreatedAsync();
        Activities = new ActivityStore(Tables);
        Users = new UserStore(Tables);
        SyncStates = new SyncStateStore(Tables);
        Audit = new AuditLog(Tables, Time);
        Claims = new ClaimStore(Tables, Time);
    }

    [TestCleanup]
    public async Task DeleteTablesAsync()
    {
        foreach (var table in Tables.All)
        {
            await table.DeleteAsync();
        }
    }

    protected static ActivityRecord Observed(string eventKey, string title = "Design review: payments", string tenant = "tenant-a", string user = "user-1", IsoWeek? week = null, int offsetMinutes = 0) => new()
    {
        TenantId = tenant,
        UserId = user,
        EventKey = eventKey,
        SeriesId = "series-1",
        CalendarEventId = "AAMkAGI2/" + eventKey,
        Week = week ?? Week47,
        Start = Monday47.AddMinutes(offsetMinutes),
        End = Monday47.AddMinutes(offsetMinutes + 45),
        Title = title,
        IsOrganizer = true,
        AttendeeCount = 5,
        Suggestion = new Suggestion("design-review", 0.8, "Title mentions a design review"),
    };

    protected static Confirmation Confirmed(string category = "mentoring") =>
        new(category, Impact.Multiplier, new Uri("https://docs.example.com/rfc-12"), "RFC 12", "Unblocked the payments team", Delegated: true, SharedWithManager: true, Monday47);
}
