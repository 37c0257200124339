namespace GlueTeams.Simulator.Org;

/// <summary>Seeds that are the same in every process (string.GetHashCode and HashCode are randomised per process).</summary>
public static class StableRandom
{
    public static Random For(int seed, params ReadOnlySpan<long> parts) => new(unchecked((int)Mix(seed, parts)));

    public static ulong Mix(int seed, params ReadOnlySpan<long> parts)
    {
        var h = SplitMix((ulong)seed);
        foreach (var part in parts)
        {
            h = SplitMix(h ^ (ulong)part);
        }
        return h;
    }

    public static long Of(string text)
    {
        ulong h = 14695981039346656037;
        foreach (var c in text)
        {
            h = (h ^ c) * 1099511628211;
        }
        return unchecked((long)h);
    }

    private static ulong SplitMix(ulong x)
    {
        x += 0x9E3779B97F4A7C15;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EB;
        return x ^ (x >> 31);
    }
}
