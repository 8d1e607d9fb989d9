namespace Kinship.Leap.Routing;

/// <summary>Deterministic seed derivation (SplitMix64), stable across runtimes, so one run seed fixes every random choice.</summary>
public static class Seeds
{
    /// <summary>A seed derived from <paramref name="seed"/> and a list of coordinates (path, round, purpose, ...).</summary>
    public static ulong Mix(ulong seed, params ReadOnlySpan<ulong> coordinates)
    {
        var state = seed;
        var value = Next(ref state);
        foreach (var c in coordinates)
        {
            state = value ^ (c * 0xD1B54A32D192ED03UL);
            value = Next(ref state);
        }
        return value;
    }

    /// <summary>The next SplitMix64 output, advancing <paramref name="state"/>.</summary>
    public static ulong Next(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A uniform index in [0, <paramref name="count"/>) from a seed.</summary>
    public static int Pick(ulong seed, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var state = seed;
        return (int)(Next(ref state) % (ulong)count);
    }
}
