using GlueTeams.App.Outbox;
using Microsoft.Extensions.Time.Testing;

namespace GlueTeams.App.Tests.Outbox;

/// <summary>The pacing of sends to Teams: the tenant's 50/s shared by the live instances, and 7/s per conversation.</summary>
[TestClass]
public sealed class SendRateLimiterTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 14, 0, 0, TimeSpan.Zero));

    /// <summary>Starts the waits, moves the fake clock one second in small steps, and counts the waits that ended.</summary>
    private async Task<int> AllowedInOneSecondAsync(SendRateLimiter limiter, Func<int, string> conversation, int attempts)
    {
        var waits = Enumerable.Range(0, attempts).Select(i => limiter.WaitAsync("tenant-a", conversation(i), CancellationToken.None)).ToList();
        for (var step = 0; step < 100; step++)
        {
            await Task.Yield();
            _time.Advance(TimeSpan.FromMilliseconds(9.99));
        }
        await Task.Delay(50);
        return waits.Count(w => w.IsCompleted);
    }

    [TestMethod]
    public async Task One_instance_sends_at_most_50_a_second_to_a_tenant()
    {
        var allowed = await AllowedInOneSecondAsync(new SendRateLimiter(_time), i => "conversation-" + i, 200);

        Assert.IsInRange(49, 51, allowed);
    }

    [TestMethod]
    public async Task Two_live_instances_each_take_half_of_the_tenant_rate()
    {
        var limiter = new SendRateLimiter(_time);
        limiter.ShareWith(2);

        var allowed = await AllowedInOneSecondAsync(limiter, i => "conversation-" + i, 200);

        Assert.IsInRange(24, 26, allowed);
    }

    [TestMethod]
    public async Task One_conversation_gets_at_most_7_a_second()
    {
        var allowed = await AllowedInOneSecondAsync(new SendRateLimiter(_time), _ => "the-same-conversation", 30);

        Assert.IsInRange(7, 8, allowed);
    }

    [TestMethod]
    public async Task A_typing_indicator_whose_slot_is_too_far_off_is_left_out_and_takes_no_slot_from_the_message_after_it()
    {
        var limiter = new SendRateLimiter(_time);
        var busy = Enumerable.Range(0, 8).Select(_ => limiter.WaitAsync("tenant-a", "chat", CancellationToken.None)).ToList(); // slots 0 to 1 s

        var typing = limiter.TryWaitAsync("tenant-a", "chat", TimeSpan.FromSeconds(0.5), CancellationToken.None);
        var elsewhere = limiter.TryWaitAsync("tenant-a", "other-chat", TimeSpan.FromSeconds(0.5), CancellationToken.None);

        Assert.IsTrue(typing.IsCompleted, "it does not wait");
        Assert.IsFalse(await typing, "left out: the conversation's next slot is more than 0.5 s away");
        var next = limiter.WaitAsync("tenant-a", "chat", CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(0.2));
        Assert.IsTrue(await elsewhere, "another conversation's slot comes within the tenant's pace");
        for (var step = 0; step < 95; step++)
        {
            await Task.Yield();
            _time.Advance(TimeSpan.FromMilliseconds(10));
        }
        await Task.WhenAll(busy);
        await Task.Delay(50);
        Assert.IsTrue(next.IsCompleted, "the next message has the 9th slot (8/7 s), not the 10th");
    }
}
