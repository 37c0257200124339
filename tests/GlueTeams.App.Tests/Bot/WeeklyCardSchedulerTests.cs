using System.Net.Http.Json;
using GlueTeams.App.Bot;
using GlueTeams.App.Outbox;
using GlueTeams.Storage.Queues;
using GlueTeams.Teams.Activities;
using GlueTeams.Core.Weeks;
using GlueTeams.Storage.Schedule;
using GlueTeams.Storage.Users;
using Microsoft.Extensions.DependencyInjection;
using GlueTeams.Core.Users;

namespace GlueTeams.App.Tests.Bot;

/// <summary>The weekly card fan-out: due entries in Table Storage, taken by one instance each.</summary>
[TestClass]
public sealed class WeeklyCardSchedulerTests
{
    private static WeeklyCardScheduler Scheduler(BotHarness bot) => bot.App.Services.GetRequiredService<WeeklyCardScheduler>();

    /// <summary>
    /// Installs the user and moves their first card to a minute ago, as if its time had come while no instance ran. The
    /// install's 200 means its welcome is on the outbox; whether it was sent yet does not matter here (and with the
    /// outbox worker off it never is, so waiting for the outbox to drain would only wait out its 15 s).
    /// </summary>
    private static async Task<UserProfile> InstallWithCardDueAsync(BotHarness bot, Func<UserProfile, UserProfile>? change = null)
    {
        using (var installed = await bot.Client.PostAsync("/api/messages", JsonContent.Create(bot.Install())))
        {
            Assert.AreEqual(System.Net.HttpStatusCode.OK, installed.StatusCode);
        }
        var profile = (await bot.Users.GetAsync(BotHarness.TenantId, BotHarness.UserId))!;
        if (change is not null)
        {
            profile = change(profile);
            await bot.Users.UpsertAsync(profile);
        }
        var scheduled = new WeeklySchedule(profile.CardDay, profile.CardTime, profile.TimeZone).NextAfter(TestClock.Shared.GetUtcNow());
        await bot.App.Services.GetRequiredService<CardScheduleStore>()
            .ScheduleAsync(profile.TenantId, profile.UserId, TestClock.Shared.GetUtcNow().AddMinutes(-1), scheduled);
        return profile;
    }

    private static async Task<IReadOnlyList<DueCard>> ScheduledAsync(BotHarness bot) =>
        await bot.App.Services.GetRequiredService<CardScheduleStore>().TakeDueAsync(TestClock.Shared.GetUtcNow().AddDays(8), 10);

    private static int WeeklyCards(BotHarness bot) => bot.SentCards().Count(c => BotHarness.Texts(c).Contains("Your glue work, week", StringComparison.Ordinal));

    [TestMethod]
    public async Task A_due_card_is_sent_once_across_two_instances_after_a_restart_and_the_next_one_is_scheduled()
    {
        await using var first = new BotHarness();
        var profile = await InstallWithCardDueAsync(first);
        await first.SeedAsync(("Sprint retro", "process", null));
        // A second instance on the same tables: a restart, or a scale-out.
        await using var second = new BotHarness(storage: first.App.Storage);

        var sentAt = TestClock.Shared.GetUtcNow();
        var sent = await Task.WhenAll(Scheduler(first).SendDueAsync(CancellationToken.None), Scheduler(second).SendDueAsync(CancellationToken.None));
        await first.DrainOutboxAsync();

        Assert.AreEqual(1, sent.Sum());
        Assert.AreEqual(1, WeeklyCards(first) + WeeklyCards(second));
        var card = first.SentCards().Concat(second.SentCards()).Last();
        StringAssert.Contains(BotHarness.Texts(card), "Sprint retro");
        Assert.AreEqual("29:user-1", (string?)card["refresh"]!["userIds"]![0]);
        var next = (await ScheduledAsync(first)).Single();
        // The next card is the user's card day and time in their own zone, within the coming week: one instant fits.
        var local = TimeZoneInfo.ConvertTime(next.DueAt, profile.TimeZone);
        Assert.AreEqual(profile.CardDay, local.DayOfWeek, "the next card is scheduled on the user's card day");
        Assert.AreEqual(profile.CardTime, TimeOnly.FromDateTime(local.DateTime), "at the user's card time");
        Assert.IsGreaterThan(sentAt, next.DueAt, "after the card went out");
        Assert.IsLessThanOrEqualTo(sentAt.AddDays(7), next.DueAt, "within the week after it");
    }

    [TestMethod]
    public async Task While_the_outbox_holds_its_limit_no_due_card_is_taken_so_a_reply_waits_behind_at_most_that_many()
    {
        await using var bot = new BotHarness(new Dictionary<string, string?> { ["Outbox:RunWorker"] = "false", ["Bot:CardPollInterval"] = "01:00:00" });
        await InstallWithCardDueAsync(bot); // the welcome waits on the outbox: one message
        var queue = bot.App.Services.GetRequiredService<WorkQueue<OutboxMessage>>();
        var filler = new OutboxMessage(OutboxKind.Reply, "filler", BotHarness.TenantId, "someone-else", new Uri(BotHarness.ServiceUrl), "a:chat-someone-else", null, Activity.Typing());
        await Parallel.ForEachAsync(Enumerable.Range(0, WeeklyCardScheduler.OutboxAhead), new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (i, ct) => await queue.EnqueueAsync(filler with { Key = "filler-" + i }, ct));

        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(2)); // the scheduler looks at the outbox every second
        await Assert.ThrowsAsync<OperationCanceledException>(() => Scheduler(bot).SendDueAsync(patience.Token));

        Assert.AreEqual(WeeklyCardScheduler.OutboxAhead + 1, await queue.ApproximateCountAsync(), "nothing was queued meanwhile");
        Assert.AreEqual(WeeklyCardScheduler.OutboxAhead, await queue.RemoveWhereAsync(m => m.Key.StartsWith("filler-", StringComparison.Ordinal)));
        Assert.AreEqual(1, await Scheduler(bot).SendDueAsync(CancellationToken.None), "with room on the outbox the card, never taken, is queued");
    }

    [TestMethod]
    public async Task A_paused_user_gets_no_card_but_stays_scheduled()
    {
        await using var bot = new BotHarness();
        await InstallWithCardDueAsync(bot, p => p with { Paused = true });

        Assert.AreEqual(0, await Scheduler(bot).SendDueAsync(CancellationToken.None));
        Assert.AreEqual(0, WeeklyCards(bot));
        Assert.HasCount(1, await ScheduledAsync(bot));
    }

    [TestMethod]
    public async Task An_uninstalled_user_gets_no_card_and_is_not_scheduled_again()
    {
        await using var bot = new BotHarness();
        await InstallWithCardDueAsync(bot, p => p with { Installed = false });

        Assert.AreEqual(0, await Scheduler(bot).SendDueAsync(CancellationToken.None));
        Assert.AreEqual(0, WeeklyCards(bot));
        Assert.IsEmpty(await ScheduledAsync(bot));
    }
}
