using Kinship.Randomness;

namespace Kinship.Leap.Routing;

/// <summary>The engine's seed derivation over <see cref="SplitMix64"/>, stable across runtimes, so one run seed fixes every random choice.</summary>
public static class Seeds
{
    /// <summary>A seed derived from <paramref name="seed"/> and a list of coordinates (path, round, purpose, ...).</summary>
    public static ulong Mix(ulong seed, params ReadOnlySpan<ulong> coordinates)
    {
        var state = seed;
        var value = SplitMix64.Next(ref state);
        foreach (var c in coordinates)
        {
            state = value ^ (c * 0xD1B54A32D192ED03UL);
            value = SplitMix64.Next(ref state);
        }
        return value;
    }

    /// <summary>A uniform index in [0, <paramref name="count"/>) from a seed.</summary>
    public static int Pick(ulong seed, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var state = seed;
        return (int)(SplitMix64.Next(ref state) % (ulong)count);
    }
}
