using System.Globalization;
using System.Text;
using GlueTeams.Core.Categories;
using GlueTeams.Core.Weeks;
using GlueTeams.Simulator.Org;

namespace GlueTeams.Simulator.Calendars;

/// <summary>
/// Builds one person's calendar for one ISO week (in their own time zone), the same every time for the same seed,
/// person and week. Each event carries the glue category a person would give it as <see cref="SimulatedEvent.Label"/>.
/// </summary>
public sealed class WeekGenerator(SimulatedOrg org)
{
    public IReadOnlyList<SimulatedEvent> Generate(SimulatedUser user, IsoWeek week) => new Week(org, user, week).Build();

    /// <summary>The week a generated event id belongs to ("AAMkAG-{user}-{week}-{n}"), or null for an id not generated.</summary>
    public static IsoWeek? WeekOfId(string eventId)
    {
        var parts = eventId.Split('-');
        return parts.Length == 5 && parts[0] == "AAMkAG" && IsoWeek.TryParse($"{parts[2]}-{parts[3]}", out var week) ? week : null;
    }

    private sealed class Week
    {
        private readonly SimulatedOrg _org;
        private readonly SimulatedUser _user;
        private readonly IsoWeek _week;
        private readonly TimeZoneInfo _zone;
        private readonly Random _random;
        private readonly Random _stable;
        private readonly IReadOnlyList<SimulatedUser> _team;
        private readonly SimulatedUser? _manager;
        private readonly string _teamName;
        private readonly List<SimulatedEvent> _events = new(32);

        public Week(SimulatedOrg org, SimulatedUser user, IsoWeek week)
        {
            _org = org;
            _user = user;
            _week = week;
            _zone = Zones.Get(user.TimeZone);
            _random = StableRandom.For(org.Seed, user.Index, week.Year * 100 + week.Week);
            _stable = StableRandom.For(org.Seed, user.Index, -1);
            _team = org.TeamOf(user);
            _manager = user.ManagerId is null ? null : org.Get(user.ManagerId);
            _teamName = Titles.Teams[user.Team % Titles.Teams.Length];
        }

        public List<SimulatedEvent> Build()
        {
            if (_user.Role != OrgRole.Director)
            {
                Standups();
                // Teams alternate sprint planning and retro weeks, not all in step.
                if ((_week.Week + _user.Team) % 2 == 0)
                {
                    Add(Titles.SprintPlanning, GlueCategories.NotGlueId, 0, 600, 60, _manager ?? _user, _team);
                }
                else
                {
                    Add(Titles.Retro, GlueCategories.Process.Id, 4, 900, 60, _manager ?? _user, _team);
                }
            }
            Repeat(_random.NextDouble() < 0.15 ? 1 : 0, () => Add(Titles.Practices, GlueCategories.Process.Id, Day(), Slot(), 45, OrganizerOrTeammate(0.5), [.. Some(_team, 2), Anyone()]));
            if (_manager is not null)
            {
                // The same slot as in the manager's calendar (below), so both copies of the 1:1 agree.
                Series("manager-1on1", Titles.ManagerOneOnOne, GlueCategories.NotGlueId, _user.Index % 5, OneOnOneMinutes(_user), 30, _manager, _manager);
            }
            foreach (var report in _user.DirectReportIds.Select(_org.Get))
            {
                Series("1on1-" + report.Id, Titles.ReportOneOnOne, GlueCategories.Mentoring.Id, report.Index % 5, OneOnOneMinutes(report), 30, _user, report);
            }
            if (_user.IsSenior)
            {
                var mentee = _org.Users[_stable.Next(_org.Users.Count)];
                if (mentee.Id != _user.Id)
                {
                    Series("mentoring", Titles.Mentoring, GlueCategories.Mentoring.Id, _stable.Next(5), 840 + 30 * _stable.Next(4), 45, _user, mentee);
                }
            }
            Onboarding();
            Repeat(_random.Next(3), () => Add(Titles.DesignReview, GlueCategories.DesignReview.Id, Day(), Slot(), 60, OrganizerOrTeammate(0.4), Some(_team, 4)));
            Repeat(_random.Next(3), () => Pair(Titles.CodeReview, GlueCategories.CodeReview.Id, 60));
            Repeat(_random.NextDouble() < 0.3 ? 1 : 0, () => Add(Titles.Postmortem, GlueCategories.Incident.Id, Day(), Slot(), 60, OrganizerOrTeammate(0.3), Some(_team, 5)));
            Repeat(_user.IsSenior || _user.Role != OrgRole.Engineer ? _random.Next(4) : 0, Interview);
            Repeat(_random.NextDouble() < 0.5 ? 1 : 0, TechTalk);
            Repeat(_random.Next(1, 3), () => Add(Titles.CrossTeam, GlueCategories.Coordination.Id, Day(), Slot(), 30, OrganizerOrTeammate(0.3), [.. Some(_team, 2), Anyone(), Anyone()]));
            Repeat(_random.NextDouble() < 0.25 ? 1 : 0, () => Add(Titles.Community, GlueCategories.Community.Id, Day(), Slot(), 60, Anyone(), [_user, Anyone(), Anyone()]));
            Repeat(_random.Next(2, 5), () => Add(Titles.Focus, GlueCategories.NotGlueId, Day(), 780 + 30 * _random.Next(4), 120, _user, []));
            Repeat(_random.Next(3), () => Adjust(Add(Titles.Private, GlueCategories.NotGlueId, Day(), 480 + 30 * _random.Next(20), 60, _user, []), e => e with { Sensitivity = "private" }));
            Repeat(_random.NextDouble() < 0.2 ? 1 : 0, AllDay);
            Repeat(_random.Next(1, 3), () => Adjust(Add(Titles.Free, GlueCategories.NotGlueId, Day(), 720, 45, _user, []), e => e with { ShowAs = "free" }));
            Repeat(_random.Next(1, 3), () => Add(Titles.FeatureWork, GlueCategories.NotGlueId, Day(), Slot(), 45, OrganizerOrTeammate(0.3), Some(_team, 4)));
            DeclineOrCancelOne();
            return _events;
        }

        private void Standups()
        {
            var moved = _random.NextDouble() < 0.2 ? _random.Next(5) : -1;
            var cancelled = _random.NextDouble() < 0.1 ? _random.Next(5) : -1;
            var subject = Fill(Titles.Standup[_user.Team % Titles.Standup.Length], null);
            for (var day = 0; day < 5; day++)
            {
                var occurrence = Occurrence("standup", subject, GlueCategories.NotGlueId, day, day == moved ? 600 : 570, 15, _manager ?? _user, _team);
                _events.Add(occurrence with
                {
                    Type = day == moved ? "exception" : "occurrence",
                    IsCancelled = day == cancelled,
                    Subject = day == cancelled ? "Canceled: " + subject : subject,
                });
            }
        }

        /// <summary>A weekly series with one occurrence this week; one week in five it is moved (an exception).</summary>
        private void Series(string key, string[] phrasings, string label, int day, int minutes, int length, SimulatedUser organizer, SimulatedUser other)
        {
            var subject = Fill(phrasings[(int)(StableRandom.Mix(_org.Seed, _user.Index, StableRandom.Of(key)) % (ulong)phrasings.Length)], other);
            var moved = _random.NextDouble() < 0.2;
            var occurrence = Occurrence(key, subject, label, moved ? (day + 1) % 5 : day, minutes, length, organizer, [_user, other]);
            _events.Add(moved ? occurrence with { Type = "exception" } : occurrence);
        }

        private SimulatedEvent Occurrence(string seriesKey, string subject, string label, int day, int minutes, int length, SimulatedUser organizer, IReadOnlyList<SimulatedUser> attendees)
        {
            var key = StableRandom.Of(seriesKey);
            var date = _week.Monday.AddDays(day).DayNumber;
            return Event(subject, label, day, minutes, length, organizer, attendees) with
            {
                Type = "occurrence",
                SeriesMasterId = $"AAMkAG-{_user.Index}-series-{(ulong)key % 1_000_000_007}",
                ICalUId = ICalUId(key, date),
            };
        }

        private void Onboarding()
        {
            if (_user.IsNewHire)
            {
                Repeat(_random.Next(1, 3), () => Add(Titles.NewHireOnboarding, GlueCategories.NotGlueId, Day(), Slot(), 60, _manager ?? _user, [_user]));
            }
            var newHire = _team.FirstOrDefault(u => u.IsNewHire);
            var buddy = _team.FirstOrDefault(u => u.IsSenior && u.Role == OrgRole.Engineer);
            if (newHire is not null && buddy?.Id == _user.Id)
            {
                Repeat(_random.Next(1, 3), () => Add(Titles.Buddy, GlueCategories.Onboarding.Id, Day(), Slot(), 30, _user, [newHire], newHire));
            }
        }

        private void Pair(string[] phrasings, string label, int length)
        {
            var other = Teammate();
            Add(phrasings, label, Day(), Slot(), length, _random.NextDouble() < 0.5 ? _user : other, [_user, other], other);
        }

        private void Interview()
        {
            var recruiter = new SimulatedPerson("Recruiting Team", "recruiting@" + SimulatedOrg.Domain);
            var e = Add(Titles.Interview, GlueCategories.Hiring.Id, Day(), Slot(), 60, _user, [_user, Teammate()]);
            Replace(e, e with { IsOrganizer = false, Organizer = recruiter, Response = "accepted", Attendees = [Person(_user, "accepted"), .. e.Attendees] });
        }

        private void TechTalk()
        {
            var presenting = _random.NextDouble() < 0.2;
            var e = Add(Titles.TechTalk, presenting ? GlueCategories.KnowledgeSharing.Id : GlueCategories.NotGlueId, Day(), 720, 60,
                presenting ? _user : Anyone(), [_user, .. Some(_team, 3), Anyone(), Anyone()]);
            Replace(e, presenting ? e : e with { ShowAs = _random.NextDouble() < 0.5 ? "free" : "tentative", Response = "tentativelyAccepted" });
        }

        private void AllDay()
        {
            var e = Add(Titles.AllDay, GlueCategories.NotGlueId, Day(), 0, 24 * 60, _user, []);
            Replace(e, e with { IsAllDay = true, ShowAs = _random.NextDouble() < 0.7 ? "oof" : "free" });
        }

        /// <summary>Someone else's meeting declined, or cancelled by its organiser: nothing happened, so not glue.</summary>
        private void DeclineOrCancelOne()
        {
            var candidates = _events.Where(e => !e.IsOrganizer && !e.IsAllDay && e.Type == "singleInstance").ToList();
            if (candidates.Count == 0 || _random.NextDouble() < 0.5)
            {
                return;
            }
            var e = candidates[_random.Next(candidates.Count)];
            Replace(e, _random.NextDouble() < 0.5
                ? e with { Response = "declined", Label = GlueCategories.NotGlueId }
                : e with { IsCancelled = true, Subject = "Canceled: " + e.Subject, Label = GlueCategories.NotGlueId });
        }

        private SimulatedEvent Add(string[] phrasings, string label, int day, int minutes, int length, SimulatedUser organizer, IReadOnlyList<SimulatedUser> attendees, SimulatedUser? other = null)
        {
            var e = Event(Fill(phrasings[_random.Next(phrasings.Length)], other ?? attendees.FirstOrDefault(a => a.Id != _user.Id)), label, day, minutes, length, organizer, attendees);
            _events.Add(e);
            return e;
        }

        private SimulatedEvent Event(string subject, string label, int day, int minutes, int length, SimulatedUser organizer, IReadOnlyList<SimulatedUser> attendees)
        {
            var n = _events.Count;
            var local = _week.Monday.AddDays(day).ToDateTime(TimeOnly.MinValue).AddMinutes(minutes);
            var start = new DateTimeOffset(local, _zone.GetUtcOffset(local));
            var isOrganizer = organizer.Id == _user.Id;
            var people = attendees.Where(a => a.Id != organizer.Id).DistinctBy(a => a.Id)
                .Select(a => Person(a, a.Id == _user.Id ? "accepted" : Responses[_random.Next(Responses.Length)]))
                .ToList();
            var glue = GlueCategories.TryGet(label, out var category) && category.IsGlue && _random.NextDouble() < 0.2;
            return new SimulatedEvent
            {
                Id = $"AAMkAG-{_user.Index}-{_week}-{n}",
                ICalUId = ICalUId(_week.Year * 100 + _week.Week, n),
                Subject = subject,
                Start = start,
                End = start.AddMinutes(length),
                TimeZone = _user.TimeZone,
                Organizer = Person(organizer, "organizer"),
                Attendees = people,
                IsOrganizer = isOrganizer,
                Response = isOrganizer ? "organizer" : "accepted",
                Categories = glue ? [category!.OutlookCategoryName] : _random.NextDouble() < 0.1 ? ["Blue category"] : [],
                Label = label,
            };
        }

        private static readonly string[] Responses = ["accepted", "accepted", "tentativelyAccepted", "none", "declined"];

        private static SimulatedPerson Person(SimulatedUser user, string response) => new(user.DisplayName, user.Mail, "required", response);

        private string ICalUId(long a, long b) =>
            "040000008200E00074C5B7101A82E008" + StableRandom.Mix(_org.Seed, _user.Index, a, b).ToString("X16", CultureInfo.InvariantCulture);

        private void Replace(SimulatedEvent old, SimulatedEvent replacement) => _events[_events.IndexOf(old)] = replacement;

        private void Adjust(SimulatedEvent e, Func<SimulatedEvent, SimulatedEvent> change) => Replace(e, change(e));

        private static void Repeat(int times, Action add)
        {
            for (var i = 0; i < times; i++)
            {
                add();
            }
        }

        private int Day() => _random.Next(5);

        /// <summary>A report's weekly 1:1 with their manager: half-hour slots from 10:00 to 15:30, by report.</summary>
        private static int OneOnOneMinutes(SimulatedUser report) => 600 + 30 * (report.Index % 12);

        /// <summary>Minutes after local midnight: half-hour slots from 10:00 to 16:30.</summary>
        private int Slot() => 600 + 30 * _random.Next(14);

        private SimulatedUser Teammate()
        {
            var others = _team.Where(u => u.Id != _user.Id).ToList();
            return others.Count == 0 ? Anyone() : others[_random.Next(others.Count)];
        }

        private SimulatedUser Anyone()
        {
            var other = _org.Users[_random.Next(_org.Users.Count)];
            return other.Id == _user.Id ? _org.Users[(other.Index + 1) % _org.Users.Count] : other;
        }

        private SimulatedUser OrganizerOrTeammate(double own) => _random.NextDouble() < own ? _user : Teammate();

        private List<SimulatedUser> Some(IReadOnlyList<SimulatedUser> people, int count) =>
            [_user, .. people.Where(u => u.Id != _user.Id).OrderBy(_ => _random.Next()).Take(count)];

        /// <summary>Fills the placeholders present in one pass; only those draw random numbers.</summary>
        private string Fill(string phrasing, SimulatedUser? other)
        {
            if (!phrasing.Contains('{', StringComparison.Ordinal))
            {
                return phrasing;
            }
            var text = new StringBuilder(phrasing.Length + 24);
            var i = 0;
            while (i < phrasing.Length)
            {
                var close = phrasing[i] == '{' ? phrasing.IndexOf('}', i) : -1;
                if (close < 0)
                {
                    text.Append(phrasing[i++]);
                    continue;
                }
                text.Append(phrasing.AsSpan(i + 1, close - i - 1) switch
                {
                    "me" => _user.GivenName,
                    "mgr" => _manager?.GivenName ?? "Sam",
                    "other" => other?.GivenName ?? "Alex",
                    "team" => _teamName,
                    "otherteam" => Titles.Teams[(_user.Team + 1 + _random.Next(Titles.Teams.Length - 1)) % Titles.Teams.Length],
                    "project" => Titles.Projects[_random.Next(Titles.Projects.Length)],
                    "topic" => Titles.Topics[_random.Next(Titles.Topics.Length)],
                    "incident" => Titles.Incidents[_random.Next(Titles.Incidents.Length)],
                    "candidate" => Fill(Titles.Candidates[_random.Next(Titles.Candidates.Length)], other),
                    "n" => _random.Next(12, 4900).ToString(CultureInfo.InvariantCulture),
                    var unknown => throw new InvalidOperationException($"Unknown placeholder {{{unknown.ToString()}}}."),
                });
                i = close + 1;
            }
            return text.ToString();
        }
    }
}
