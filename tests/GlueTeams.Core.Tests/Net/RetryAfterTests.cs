using System.Net.Http.Headers;
using GlueTeams.Core.Net;

namespace GlueTeams.Core.Tests.Net;

[TestClass]
public sealed class RetryAfterTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    [TestMethod]
    public void Seconds_and_a_date_both_say_how_long_to_wait()
    {
        Assert.AreEqual(TimeSpan.FromSeconds(7), RetryAfter.Wait("7", Now));
        Assert.AreEqual(TimeSpan.FromSeconds(30), RetryAfter.Wait(Now.AddSeconds(30).ToString("R"), Now));
        Assert.AreEqual(TimeSpan.FromSeconds(7), RetryAfter.Wait(new RetryConditionHeaderValue(TimeSpan.FromSeconds(7)), Now));
    }

    [TestMethod]
    public void A_date_in_the_past_means_now() =>
        Assert.AreEqual(TimeSpan.Zero, RetryAfter.Wait(Now.AddMinutes(-1).ToString("R"), Now));

    [TestMethod]
    [DataRow(null)]
    [DataRow("")]
    [DataRow("soon")]
    [DataRow("-5")]
    public void A_missing_or_malformed_header_says_nothing(string? header) =>
        Assert.IsNull(RetryAfter.Wait(header, Now));
}
