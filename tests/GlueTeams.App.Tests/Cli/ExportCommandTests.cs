using GlueTeams.App.Cli;
using GlueTeams.App.Tests.Hosting;
using GlueTeams.Core.Records;
using GlueTeams.Core.Weeks;
using GlueTeams.Storage.Activities;
using GlueTeams.Storage.Users;
using Microsoft.Extensions.DependencyInjection;

namespace GlueTeams.App.Tests.Cli;

[TestClass]
public sealed class ExportCommandTests
{
    private const string Tenant = "tenant-export";

    private static async Task<AppFactory> StartWithRecordsAsync()
    {
        var app = new AppFactory();
        await app.Services.GetRequiredService<UserStore>().UpsertAsync(new UserProfile { TenantId = Tenant, UserId = "ada", UserPrincipalName = "ada@contoso.example" });
        var monday = new DateTimeOffset(2026, 11, 16, 9, 0, 0, TimeSpan.Zero);
        var activities = app.Services.GetRequiredService<ActivityStore>();
        foreach (var (key, category, offset) in new[] { ("e1", "mentoring", 0), ("e2", "incident", 120), ("e3", "not-glue", 300) })
        {
            await activities.PutDecidedAsync(new ActivityRecord
            {
                TenantId = Tenant, UserId = "ada", EventKey = key, Week = new IsoWeek(2026, 47),
                Start = monday.AddMinutes(offset), End = monday.AddMinutes(offset + 60), Title = "=HYPERLINK(\"x\") " + key,
                Status = ActivityStatus.Confirmed,
                Confirmation = new Confirmation(category, Impact.Multiplier, new Uri("https://docs.example.com/" + key), "Doc " + key, "Cut onboarding time", false, true, monday),
            });
        }
        return app;
    }

    [TestMethod]
    public async Task Export_WritesThePacketAndTheCsv()
    {
        await using var app = await StartWithRecordsAsync();
        var directory = Directory.CreateTempSubdirectory("glue-export-").FullName;
        using var output = new StringWriter();

        var exit = await ExportCommand.RunAsync(["--user", "ADA@contoso.example", "--from", "2026-11-16", "--to", "2026-11-22", "--out", directory, "--tenant", Tenant],
            app.Services, output, TextWriter.Null);

        Assert.AreEqual(0, exit);
        var files = Directory.GetFiles(directory);
        using var zip = System.IO.Compression.ZipFile.OpenRead(files.Single(f => f.EndsWith(".zip", StringComparison.Ordinal)));
        using var reader = new StreamReader(zip.Entries.Single(e => e.Name.EndsWith(".md", StringComparison.Ordinal)).Open());
        var markdown = await reader.ReadToEndAsync();
        var csv = await File.ReadAllLinesAsync(files.Single(f => f.EndsWith(".csv", StringComparison.Ordinal)));
        StringAssert.Contains(markdown, "Mentoring");
        StringAssert.Contains(markdown, "![Glue hours per week, by theme](chart.png)", "the chart is a file beside the text");
        Assert.IsNotNull(zip.GetEntry("chart.png"));
        StringAssert.Contains(markdown, "https://docs.example.com/e1");
        Assert.IsTrue(files.Any(f => f.EndsWith(".docx", StringComparison.Ordinal)), "the Word document too, as the tab offers it");
        Assert.IsGreaterThanOrEqualTo(4, csv.Length, "a header and one row per record");
        Assert.IsFalse(csv.Skip(1).Any(line => line.StartsWith('=') || line.Contains(",=", StringComparison.Ordinal)), "no cell starts a formula");
        CollectionAssert.AreEquivalent(files, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [TestMethod]
    public async Task Export_UnknownUser_ExitsOneAndWritesNothing()
    {
        await using var app = await StartWithRecordsAsync();
        var directory = Path.Combine(Path.GetTempPath(), "glue-export-" + Guid.NewGuid().ToString("N"));
        using var errors = new StringWriter();

        var exit = await ExportCommand.RunAsync(["--user", "nobody@contoso.example", "--from", "2026-11-16", "--to", "2026-11-22", "--out", directory, "--tenant", Tenant],
            app.Services, TextWriter.Null, errors);

        Assert.AreEqual(1, exit);
        StringAssert.Contains(errors.ToString(), "No user nobody@contoso.example");
        Assert.IsFalse(Directory.Exists(directory));
    }

    [TestMethod]
    public async Task Export_UnknownLevel_ExitsTwoAndWritesNothing()
    {
        await using var app = await StartWithRecordsAsync();
        var directory = Path.Combine(Path.GetTempPath(), "glue-export-" + Guid.NewGuid().ToString("N"));
        using var errors = new StringWriter();

        var exit = await ExportCommand.RunAsync(["--user", "ada@contoso.example", "--from", "2026-11-16", "--to", "2026-11-22", "--out", directory, "--tenant", Tenant, "--level", "principal"],
            app.Services, TextWriter.Null, errors);

        Assert.AreEqual(2, exit);
        StringAssert.Contains(errors.ToString(), "--level must be one of: senior, staff");
        Assert.IsFalse(Directory.Exists(directory));
    }

    [TestMethod]
    [DataRow(new[] { "--user", "a@b.c", "--out", "x" }, "--from and --to must be dates")]
    [DataRow(new[] { "--user", "a@b.c", "--from", "2026-12-01", "--to", "2026-11-01", "--out", "x" }, "--from is after --to")]
    [DataRow(new[] { "--user", "a@b.c", "--from", "2020-01-01", "--to", "2026-11-01", "--out", "x" }, "at most two years")]
    [DataRow(new[] { "--bogus", "1" }, "Unexpected argument")]
    [DataRow(new[] { "--user", "a@b.c", "--from", "2026-11-01", "--to", "2026-11-30", "--out", "x", "--private", "maybe" }, "--private must be yes or no")]
    public async Task Export_BadArguments_ExitTwoWithUsage(string[] args, string message)
    {
        using var errors = new StringWriter();
        Assert.AreEqual(2, await ExportCommand.RunAsync(args, new ServiceCollection().BuildServiceProvider(), TextWriter.Null, errors));
        StringAssert.Contains(errors.ToString(), message);
        StringAssert.Contains(errors.ToString(), "usage: export");
    }
}
