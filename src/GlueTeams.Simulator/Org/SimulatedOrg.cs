using System.Globalization;

namespace GlueTeams.Simulator.Org;

/// <summary>
/// A reproducible organisation: directors over managers over teams of engineers, spread over time zones. The same seed
/// and size give the same people with the same ids. The fixed demo user (the Teams App Test Tool's user) is always the
/// first engineer of the first team.
/// </summary>
public sealed class SimulatedOrg
{
    public const string TenantId = "00000000-0000-0000-0000-0000000000001";
    /// <summary>The second simulated tenant: another organisation with people, calendars and a token issuer of its own.</summary>
    public const string SecondTenantId = "00000000-0000-0000-0000-0000000000002";
    public const string DemoUserId = "00000000-0000-0000-0000-0000000000020";
    public const string Domain = "glueteams-sim.onmicrosoft.com";

    private const int TeamsPerDirector = 5;
    private const int DemoIndex = 2;

    private static readonly string[] s_zones =
    [
        "Europe/Berlin", "America/Los_Angeles", "America/New_York", "Asia/Tokyo", "Australia/Sydney", "Asia/Kolkata",
        "Europe/London", "America/Sao_Paulo",
    ];

    private static readonly string[] s_firstNames =
    [
        "Alice", "Bram", "Chen", "Dana", "Emeka", "Farah", "Gustav", "Hana", "Ivan", "Jia", "Kofi", "Lena", "Mateo", "Nadia",
        "Oskar", "Priya", "Quentin", "Rosa", "Sven", "Tomoko", "Uma", "Viktor", "Wen", "Ximena", "Yusuf", "Zoe", "Aarav",
        "Beatriz", "Carlos", "Deepa", "Elif", "Finn", "Grace", "Hiro", "Ines", "Jonas", "Kenji", "Lucia", "Mei", "Noah",
        "Olivia", "Pedro", "Ravi", "Sofia", "Tariq", "Ulla", "Valentina", "William", "Yara", "Amara", "Ben", "Chloe",
        "Diego", "Ece", "Fatima", "Gabriel", "Haruto", "Isla", "Jamal", "Kavya", "Liam", "Maya", "Nikolai", "Sakura",
    ];

    private static readonly string[] s_lastNames =
    [
        "Schmidt", "Nakamura", "Okafor", "Garcia", "Patel", "Johansson", "Kowalski", "Nguyen", "Müller", "Silva", "Kim",
        "O'Brien", "Rossi", "Haddad", "Tanaka", "Novak", "Fischer", "Sato", "Mensah", "Dubois", "Ivanova", "Chowdhury",
        "Larsen", "Moreau", "Yilmaz", "Costa", "Wright", "Hoffmann", "Reddy", "Andersen", "Kaur", "Lopez", "Weber",
        "Suzuki", "Adeyemi", "Martin", "Iyer", "Becker", "Santos", "Zhang", "Kovacs", "Murphy", "Ito", "Bauer", "Singh",
    ];

    private static readonly string[] s_departments =
        ["Payments", "Search", "Platform", "Mobile", "Data", "Identity", "Growth", "Infrastructure", "Developer Experience"];

    private readonly Dictionary<string, SimulatedUser> _byId;
    private readonly ILookup<int, SimulatedUser> _byTeam;

    private SimulatedOrg(int seed, IReadOnlyList<SimulatedUser> users)
    {
        Seed = seed;
        Users = users;
        _byId = users.ToDictionary(u => u.Id, StringComparer.OrdinalIgnoreCase);
        _byTeam = users.Where(u => u.Role != OrgRole.Director).ToLookup(u => u.Team);
    }

    public int Seed { get; }
    public IReadOnlyList<SimulatedUser> Users { get; }
    /// <summary>The first engineer of the first team: <see cref="DemoUserId"/> in the first tenant, a generated id in another.</summary>
    public SimulatedUser DemoUser => Users[DemoIndex];

    public SimulatedUser? Find(string idOrMail) =>
        _byId.TryGetValue(idOrMail, out var user) ? user : Users.FirstOrDefault(u => string.Equals(u.Mail, idOrMail, StringComparison.OrdinalIgnoreCase));

    public SimulatedUser Get(string id) => _byId[id];

    /// <summary>The team's manager and engineers.</summary>
    public IReadOnlyList<SimulatedUser> TeamOf(SimulatedUser user) => _byTeam[user.Team].ToList();

    /// <param name="minTeamSize">Engineers per manager, at least; the benchmarks ask for larger teams than the default.</param>
    /// <param name="maxTeamSize">Engineers per manager, at most.</param>
    /// <param name="fixedDemoUser">Whether the demo user gets <see cref="DemoUserId"/> (the first tenant) or a generated id like everyone else.</param>
    public static SimulatedOrg Generate(int seed, int userCount, int minTeamSize = 5, int maxTeamSize = 8, bool fixedDemoUser = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minTeamSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTeamSize, minTeamSize);
        ArgumentOutOfRangeException.ThrowIfLessThan(userCount, 3);
        var random = StableRandom.For(seed, 1);
        var drafts = new List<SimulatedUser>(userCount);
        var mails = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        int team = -1;
        string? director = null, manager = null;
        string teamZone = s_zones[0];
        var teamsOfDirector = 0;
        var teamSize = 0;
        while (drafts.Count < userCount)
        {
            OrgRole role;
            if (director is null || (teamSize == 0 && teamsOfDirector == TeamsPerDirector))
            {
                role = OrgRole.Director;
                teamsOfDirector = 0;
            }
            else if (manager is null || teamSize == 0)
            {
                role = OrgRole.Manager;
                team++;
                teamsOfDirector++;
                teamSize = random.Next(minTeamSize, maxTeamSize + 1);
                teamZone = team == 0 ? "Europe/Berlin" : s_zones[random.Next(s_zones.Length)];
            }
            else
            {
                role = OrgRole.Engineer;
                teamSize--;
            }
            var index = drafts.Count;
            var user = NewUser(random, index, role, Math.Max(team, 0), role == OrgRole.Director ? s_zones[random.Next(3)] : teamZone, mails, fixedDemoUser);
            user = role switch
            {
                OrgRole.Director => user with { ManagerId = null },
                OrgRole.Manager => user with { ManagerId = director },
                _ => user with { ManagerId = manager },
            };
            drafts.Add(user);
            if (role == OrgRole.Director)
            {
                director = user.Id;
                manager = null;
            }
            else if (role == OrgRole.Manager)
            {
                manager = user.Id;
            }
        }
        var reports = drafts.Where(u => u.ManagerId is not null).ToLookup(u => u.ManagerId!, u => u.Id);
        var users = drafts.Select(u => u with { DirectReportIds = reports[u.Id].ToList() }).ToList();
        return new SimulatedOrg(seed, users);
    }

    private static SimulatedUser NewUser(Random random, int index, OrgRole role, int team, string teamZone, HashSet<string> mails, bool fixedDemoUser)
    {
        var first = s_firstNames[random.Next(s_firstNames.Length)];
        var last = s_lastNames[random.Next(s_lastNames.Length)];
        var local = $"{first}.{last}".Replace("'", "", StringComparison.Ordinal).Replace("ü", "ue", StringComparison.Ordinal).ToLowerInvariant();
        var mail = $"{local}@{Domain}";
        for (var n = 2; !mails.Add(mail); n++)
        {
            mail = $"{local}{n.ToString(CultureInfo.InvariantCulture)}@{Domain}";
        }
        var idBytes = new byte[16];
        random.NextBytes(idBytes);
        var isDemo = role == OrgRole.Engineer && index == DemoIndex;
        // One person in ten works remotely from another zone than the team's.
        var zone = !isDemo && random.Next(10) == 0 ? s_zones[random.Next(s_zones.Length)] : teamZone;
        var isSenior = isDemo || random.Next(3) == 0;
        var isNewHire = !isDemo && !isSenior && random.Next(8) == 0;
        return new SimulatedUser
        {
            Index = index,
            Id = isDemo && fixedDemoUser ? DemoUserId : new Guid(idBytes).ToString(),
            DisplayName = $"{first} {last}",
            GivenName = first,
            Mail = mail,
            Role = role,
            Team = team,
            JobTitle = role switch
            {
                OrgRole.Director => "Director of Engineering",
                OrgRole.Manager => "Engineering Manager",
                _ => isSenior ? "Senior Software Engineer" : isNewHire ? "Software Engineer I" : "Software Engineer II",
            },
            Department = s_departments[team % s_departments.Length],
            TimeZone = zone,
            // Graph reports what the mailbox was set to: mostly Windows ids, sometimes IANA ids.
            MailboxTimeZone = index % 4 != 3 ? Calendars.Zones.WindowsIdOf(zone) : zone,
            IsSenior = isSenior,
            IsNewHire = isNewHire,
        };
    }
}
