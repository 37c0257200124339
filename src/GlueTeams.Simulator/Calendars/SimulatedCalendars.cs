using GlueTeams.Core.Weeks;
using GlueTeams.Simulator.Org;

namespace GlueTeams.Simulator.Calendars;

/// <summary>What happened to an event, as a change notification says it: created, updated or deleted.</summary>
public sealed record CalendarChange(string UserId, string EventId, string ChangeType);

/// <summary>
/// Every mailbox's calendar: generated lazily per person and week (never stored), plus the changes tests and the demo
/// make (move, cancel, add, delete), each with a version number so that delta queries can return only what changed.
/// </summary>
public sealed class SimulatedCalendars(SimulatedOrg org)
{
    private readonly WeekGenerator _generator = new(org);
    private readonly Lock _lock = new();
    // Per user: event id -> its changed state (null once deleted), and the change log in version order.
    private readonly Dictionary<string, Dictionary<string, SimulatedEvent?>> _changed = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<(long Version, string EventId)>> _log = new(StringComparer.OrdinalIgnoreCase);
    private long _version;

    /// <summary>Raised after every change, outside the lock.</summary>
    public event Action<CalendarChange>? Changed;

    public long Version => Interlocked.Read(ref _version);

    /// <summary>A person's events in an ISO week of their own time zone, with their labels and any changes applied.</summary>
    public IReadOnlyList<SimulatedEvent> EventsFor(string userId, IsoWeek week)
    {
        var user = org.Get(userId);
        var (start, end) = week.Bounds(Zones.Get(user.TimeZone));
        return EventsBetween(userId, start, end);
    }

    /// <summary>Events overlapping [start, end), ordered by start, as calendarView returns them.</summary>
    public IReadOnlyList<SimulatedEvent> EventsBetween(string userId, DateTimeOffset start, DateTimeOffset end)
    {
        var user = org.Get(userId);
        var zone = Zones.Get(user.TimeZone);
        var changed = ChangedEvents(userId);
        var events = new List<SimulatedEvent>();
        for (var week = IsoWeek.Containing(start, zone); week <= IsoWeek.Containing(end.AddTicks(-1), zone); week = week.Next)
        {
            events.AddRange(_generator.Generate(user, week).Where(e => !changed.ContainsKey(e.Id) && Overlaps(e, start, end)));
        }
        events.AddRange(changed.Values.OfType<SimulatedEvent>().Where(e => Overlaps(e, start, end)));
        events.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : string.CompareOrdinal(a.Id, b.Id));
        return events;
    }

    public SimulatedEvent? Find(string userId, string eventId)
    {
        if (ChangedEvents(userId).TryGetValue(eventId, out var changed))
        {
            return changed;
        }
        return WeekGenerator.WeekOfId(eventId) is { } week && org.Find(userId) is { } user
            ? _generator.Generate(user, week).FirstOrDefault(e => e.Id == eventId)
            : null;
    }

    public SimulatedEvent Move(string userId, string eventId, TimeSpan by)
    {
        var e = Existing(userId, eventId);
        return Record(userId, e with { Start = e.Start + by, End = e.End + by, Type = e.Type == "occurrence" ? "exception" : e.Type }, "updated");
    }

    public SimulatedEvent Cancel(string userId, string eventId)
    {
        var e = Existing(userId, eventId);
        return Record(userId, e with { IsCancelled = true, Subject = "Canceled: " + e.Subject }, "updated");
    }

    /// <summary>Sets an event's Outlook categories, as Outlook does when a user (or the add-in) tags it.</summary>
    public SimulatedEvent SetCategories(string userId, string eventId, IReadOnlyList<string> categories) =>
        Record(userId, Existing(userId, eventId) with { Categories = categories }, "updated");

    /// <summary>Adds an event; its id is assigned here.</summary>
    public SimulatedEvent Add(string userId, SimulatedEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var user = org.Get(userId);
        var id = $"AAMkAG-{user.Index}-added-{Interlocked.Increment(ref _version)}";
        return Record(userId, e with { Id = id, ICalUId = "040000008200E00074C5B7101A82E008" + id.Replace("-", "", StringComparison.Ordinal) }, "created");
    }

    public void Delete(string userId, string eventId)
    {
        Existing(userId, eventId);
        Record(userId, eventId, null, "deleted");
    }

    /// <summary>The current state (null = deleted) of each event changed after <paramref name="since"/> up to <paramref name="until"/>.</summary>
    public IReadOnlyList<(string EventId, SimulatedEvent? Now)> ChangesBetween(string userId, long since, long until)
    {
        lock (_lock)
        {
            if (!_log.TryGetValue(userId, out var log))
            {
                return [];
            }
            var changed = _changed[userId];
            return log.Where(c => c.Version > since && c.Version <= until).Select(c => c.EventId).Distinct()
                .Select(id => (id, changed[id])).ToList();
        }
    }

    private static bool Overlaps(SimulatedEvent e, DateTimeOffset start, DateTimeOffset end) => e.Start < end && e.End > start;

    private Dictionary<string, SimulatedEvent?> ChangedEvents(string userId)
    {
        lock (_lock)
        {
            return _changed.TryGetValue(userId, out var changed) ? new(changed) : [];
        }
    }

    private SimulatedEvent Existing(string userId, string eventId) =>
        Find(userId, eventId) ?? throw new KeyNotFoundException($"No event '{eventId}' in the calendar of '{userId}'.");

    private SimulatedEvent Record(string userId, SimulatedEvent e, string changeType)
    {
        Record(userId, e.Id, e, changeType);
        return e;
    }

    private void Record(string userId, string eventId, SimulatedEvent? now, string changeType)
    {
        lock (_lock)
        {
            if (!_changed.TryGetValue(userId, out var changed))
            {
                _changed[userId] = changed = new(StringComparer.Ordinal);
                _log[userId] = [];
            }
            changed[eventId] = now;
            _log[userId].Add((Interlocked.Increment(ref _version), eventId));
        }
        Changed?.Invoke(new CalendarChange(userId, eventId, changeType));
    }
}
