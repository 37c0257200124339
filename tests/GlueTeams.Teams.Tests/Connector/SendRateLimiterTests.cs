using GlueTeams.Teams.Connector;
using Microsoft.Extensions.Time.Testing;

namespace GlueTeams.Teams.Tests.Connector;

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
        Assert.IsNull(await typing, "left out: the conversation's next slot is more than 0.5 s away");
        var next = limiter.WaitAsync("tenant-a", "chat", CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(0.2));
        Assert.IsNotNull(await elsewhere, "another conversation's slot comes within the tenant's pace");
        for (var step = 0; step < 100; step++)
        {
            await Task.Yield();
            _time.Advance(TimeSpan.FromMilliseconds(10));
        }
        await Task.WhenAll(busy);
        await Task.Delay(50);
        Assert.IsTrue(next.IsCompleted, "the next message has the 9th slot (8 spacings of 1.01/7 s), not the 10th");
    }

    /// <summary>Moves the fake clock in steps of <paramref name="step"/> for <paramref name="span"/>, letting the waits run between steps.</summary>
    private async Task RunClockAsync(TimeSpan span, TimeSpan step)
    {
        for (var moved = TimeSpan.Zero; moved < span; moved += step)
        {
            await Task.Delay(1);
            _time.Advance(step);
        }
        await Task.Delay(50);
    }

    /// <summary>The most of <paramref name="instants"/> in any one-second window, wherever it starts (the connector's windows start where they will).</summary>
    private static int MostInAnySecond(IEnumerable<DateTimeOffset> instants)
    {
        var sorted = instants.Order().ToList();
        var most = 0;
        for (int first = 0, last = 0; first < sorted.Count; first++)
        {
            while (last < sorted.Count && sorted[last] < sorted[first] + TimeSpan.FromSeconds(1))
            {
                last++;
            }
            most = Math.Max(most, last - first);
        }
        return most;
    }

    [TestMethod]
    public async Task Two_instances_together_never_send_more_than_the_tenant_rate_in_any_one_second_window()
    {
        var instances = new[] { new SendRateLimiter(_time), new SendRateLimiter(_time) };
        foreach (var instance in instances)
        {
            instance.ShareWith(2);
        }
        var sends = instances.SelectMany((limiter, n) => Enumerable.Range(0, 200)
            .Select(i => limiter.WaitAsync("tenant-a", $"conversation-{n}-{i}", CancellationToken.None))).ToList();

        await RunClockAsync(TimeSpan.FromSeconds(3), TimeSpan.FromMilliseconds(3));

        var went = sends.Where(s => s.IsCompletedSuccessfully).Select(s => s.Result).ToList();
        Assert.IsLessThanOrEqualTo(50, MostInAnySecond(went));
        Assert.IsGreaterThanOrEqualTo(140, went.Count, "and they do send at the rate: about 49.5/s for 3 s");
    }

    [TestMethod]
    public async Task Sends_that_wake_late_after_a_pause_never_put_more_than_the_rate_into_a_second()
    {
        var limiter = new SendRateLimiter(_time);
        var sends = Enumerable.Range(0, 150).Select(i => limiter.WaitAsync("tenant-a", "conversation-" + i, CancellationToken.None)).ToList();

        // The machine stalls: 600 ms pass at once, and every send planned in them wakes at the same instant, with the
        // sends planned after them close behind. Counted on the planned slots alone, the second from the stall on would hold 80.
        await RunClockAsync(TimeSpan.FromMilliseconds(600), TimeSpan.FromMilliseconds(600));
        await RunClockAsync(TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(2));

        var went = sends.Where(s => s.IsCompletedSuccessfully).Select(s => s.Result).ToList();
        Assert.IsLessThanOrEqualTo(50, MostInAnySecond(went));
        Assert.IsGreaterThanOrEqualTo(90, went.Count, "and the sends go on: the 2.6 s hold about 128 slots at 49.5/s");
    }
}
