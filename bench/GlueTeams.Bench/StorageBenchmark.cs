namespace GlueTeams.Bench;

internal static class StorageBenchmark
{
    public static Task<string> RunAsync() => Task.FromResult("");
}
