namespace GlueTeams.Simulator.Calendars;

/// <summary>
/// How people actually title meetings: many phrasings per kind, with the separators (&lt;&gt;, /, |, w/), emoji and
/// typos real calendars have. Placeholders: {me}, {other}, {mgr}, {team}, {otherteam}, {project}, {topic},
/// {incident}, {candidate}, {n}.
/// </summary>
internal static class Titles
{
    public static readonly string[] Standup =
        ["Daily standup", "{team} standup", "Stand-up ({team})", "Daily sync – {team}", "Morning scrum", "standup", "{team} daily"];
    public static readonly string[] ManagerOneOnOne =
        ["{me} / {mgr} 1:1", "1:1 {me} <> {mgr}", "{mgr} | {me} weekly", "1-on-1 w/ {mgr}", "{me}:{mgr} 1:1", "Weekly 1o1", "1:1 - {me}/{mgr}", "Catch up {mgr} & {me}"];
    public static readonly string[] ReportOneOnOne =
        ["{me} / {other} 1:1", "1:1 {other} <> {me}", "{other} | {me} weekly", "1-on-1 w/ {other}", "{other} 1:1", "Catch-up {me} & {other}", "{other}/{me} - weekly"];
    public static readonly string[] SprintPlanning =
        ["Sprint planning", "Sprint {n} planning", "{team} – Sprint Planning", "Planning / refinement", "Backlog refinement", "Sprint plannign"];
    public static readonly string[] Retro =
        ["Sprint retro", "Retrospective", "{team} retro 🔁", "Retro - sprint {n}", "Team retrospective | {team}", "Retro w/ {team}"];
    public static readonly string[] Practices =
        ["Engineering guild: {topic}", "Working agreements review", "Testing guild", "On-call process / handover revamp", "Tooling guild | CI speedups", "Coding standards sync"];
    public static readonly string[] Mentoring =
        ["Mentoring: {me} <> {other}", "{other} / {me} mentoring", "Coaching session w/ {other}", "Career chat – {other}", "Office hours", "{me} <> {other}", "Mentorship 1:1 | {other}", "Growth convo w/ {other}", "mentoring {other}"];
    public static readonly string[] Buddy =
        ["Buddy check-in w/ {other}", "Onboarding: our architecture ({other})", "New hire welcome – {other}", "{other} onboarding sync", "Ramp-up session: {project} codebase", "Buddy 1:1 {me}/{other}"];
    public static readonly string[] NewHireOnboarding =
        ["Onboarding: dev environment setup", "Welcome to {team}!", "New joiner orientation", "Security training (mandatory)", "Onboarding – HR & benefits", "Intro to {project}"];
    public static readonly string[] DesignReview =
        ["Design review: {project} v2", "RFC-{n}: {topic}", "Arch review – {project}", "{project} tech spec walkthrough", "ADR discussion: {topic}", "Desgin review {project}", "Architecture sync | {project}", "RFC review / {project}"];
    public static readonly string[] CodeReview =
        ["Pairing: {other} & {me}", "PR review session – {project}", "Mob programming", "Code review walkthrough #{n}", "Pair w/ {other} on {topic}", "Pairing {me}/{other}", "CR sync: {project} PRs"];
    public static readonly string[] Postmortem =
        ["Postmortem: INC-{n} {incident}", "Post-mortem – {incident}", "Incident review | SEV2 {incident}", "RCA: {incident}", "COE review {incident}", "postmortem {incident}"];
    public static readonly string[] Interview =
        ["Interview: Backend Engineer (onsite loop)", "Phone screen – {candidate}", "Debrief: {candidate}", "Hiring committee", "Tech interview / system design – {candidate}", "Interview loop | {candidate}", "Candidate debrief {candidate}"];
    public static readonly string[] TechTalk =
        ["Brown bag: {topic}", "Tech talk – {topic}", "Lunch & Learn: {topic}", "Demo day", "Eng talk | {topic}", "Brownbag {topic}", "Workshop: {topic}"];
    public static readonly string[] CrossTeam =
        ["{team} <> {otherteam} sync", "Dependency sync w/ {otherteam}", "Roadmap alignment | {project}", "Weekly cross-team sync", "Program sync: {project}", "{otherteam} / {team} integration", "x-team sync {project}"];
    public static readonly string[] Community =
        ["ERG monthly meetup", "Women in Engineering circle", "Volunteering: code club", "Culture committee", "Pride@ planning", "Accessibility guild", "Meetup prep: {topic}"];
    public static readonly string[] Focus =
        ["Focus time", "🎧 Focus", "Deep work", "No meetings – heads down", "Focus block (do not book)", "Focus", "Heads-down: {project}"];
    public static readonly string[] Private =
        ["Dentist", "Doctor appt", "Pick up kids", "Physio", "Parent-teacher meeting", "Bank", "Personal"];
    public static readonly string[] AllDay =
        ["OOO", "Public holiday", "Out of office – conference", "Offsite day", "{me} OOO", "Vacation"];
    public static readonly string[] Free =
        ["Lunch", "Optional: coffee chat", "Gym", "Virtual coffee ☕", "Lunch 🍜", "Optional: {team} social"];
    public static readonly string[] FeatureWork =
        ["{project} kickoff", "Sprint demo", "Bug triage", "Release sync {project}", "Feature walkthrough: {topic}", "{project} go/no-go", "Estimation session", "{project} standup"];

    public static readonly string[] Projects =
        ["Checkout", "Ledger", "Search indexer", "Mobile onboarding", "Billing v3", "Auth gateway", "Feature flags", "Data lake", "Notifications", "Kafka migration", "Payments API", "Rate limiter"];
    public static readonly string[] Topics =
        ["gRPC in practice", "Observability with OpenTelemetry", "Rust for C# devs", "feature flags done right", "our k8s cost story", "Accessibility 101", "chaos engineering", "writing good ADRs", "event sourcing", "zero-downtime migrations"];
    public static readonly string[] Incidents =
        ["checkout latency spike", "login outage", "stale cache in search", "payment webhook retries", "DNS misconfig", "disk full on db-07", "cert expiry", "queue backlog"];
    public static readonly string[] Candidates =
        ["J. Alvarez", "M. Chen", "candidate #{n}", "S. Okoye", "R. Gupta", "L. Martin"];
    public static readonly string[] Teams =
        ["Payments", "Search", "Platform", "Mobile", "Data", "Identity", "Growth", "Infra", "DevEx"];
}
