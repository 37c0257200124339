using System.Globalization;
using GlueTeams.Core.Time;
using GlueTeams.Simulator.Tokens;

namespace GlueTeams.Testing;

/// <summary>
/// "Now" for the app hosts, the simulator and the tests' week helpers: starts at Wednesday 12:00 UTC of the current
/// week (the same weekday and week in every time zone, UTC-12 to UTC+14) and then advances in real time, so a run
/// never crosses a week or day boundary yet timers, delays and the background services they drive run as usual
/// (<see cref="TimeProvider"/>'s timers are the system's).
/// </summary>
public sealed class TestClock : StartedClock
{
    /// <summary>The one clock of this test process.</summary>
    public static TestClock Shared { get; } = new(WednesdayNoonOf(DateTimeOffset.UtcNow));

    private TestClock(DateTimeOffset start) : base(start) { }

    /// <summary>The app's Clock:StartAt for a process started now: its clock then reads what this one reads.</summary>
    public string StartAtSetting => GetUtcNow().ToString("O", CultureInfo.InvariantCulture);

    /// <summary>
    /// The request valid on this clock AND on the real one (unless the test set its own times): JwtBearer checks a tab
    /// token's lifetime on the real clock, the bot and admin-consent validators on the app's TimeProvider.
    /// </summary>
    public TokenRequest ValidOnBothClocks(TokenRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (now, real) = (GetUtcNow(), DateTimeOffset.UtcNow);
        return request with
        {
            NotBefore = request.NotBefore ?? (now < real ? now : real).AddMinutes(-1),
            Expires = request.Expires ?? (now > real ? now : real).AddHours(1),
        };
    }

    private static DateTimeOffset WednesdayNoonOf(DateTimeOffset moment)
    {
        var daysSinceMonday = ((int)moment.UtcDateTime.DayOfWeek + 6) % 7;
        return new DateTimeOffset(moment.UtcDateTime.Date, TimeSpan.Zero).AddDays(2 - daysSinceMonday).AddHours(12);
    }
}
