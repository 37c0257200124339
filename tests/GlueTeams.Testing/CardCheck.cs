using System.Diagnostics;

namespace GlueTeams.Testing;

/// <summary>Runs tests/cards/check-cards.js (the npm adaptivecards library) over a folder of card JSON files.</summary>
public static class CardCheck
{
    public static (int ExitCode, string Output) Run(string dir)
    {
        var root = Azurite.RepositoryRoot();
        if (!Directory.Exists(Path.Combine(root, "node_modules", "adaptivecards")))
        {
            throw new InvalidOperationException($"The npm package adaptivecards is missing: run `npm install` in {root}.");
        }
        using var node = Process.Start(new ProcessStartInfo("node")
        {
            ArgumentList = { Path.Combine(root, "tests", "cards", "check-cards.js"), dir },
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("node did not start.");
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        if (!node.WaitForExit(30_000))
        {
            node.Kill();
            throw new TimeoutException("node did not finish within 30 s.");
        }
        return (node.ExitCode, stdout.Result + stderr.Result);
    }
}
