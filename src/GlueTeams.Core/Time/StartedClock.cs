using System.Diagnostics;

namespace GlueTeams.Core.Time;

/// <summary>
/// A clock that starts at a set instant and then advances in real time; its timers are the system's, so delays and
/// background loops run as usual. It pins "now" to a moment away from any week or day boundary, for the tests
/// (TestClock) and for the app and the simulator run as processes in Development (the Clock:StartAt setting).
/// </summary>
public class StartedClock(DateTimeOffset start) : TimeProvider
{
    private readonly long _startedAt = Stopwatch.GetTimestamp();

    public override DateTimeOffset GetUtcNow() => start + Stopwatch.GetElapsedTime(_startedAt);
}
