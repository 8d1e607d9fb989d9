namespace Kinship.Randomness;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood 2014), the one seed mixer of both systems: it seeds <see cref="SeededRandom"/>
/// and derives independent seeds from a run seed, with a sequence that is fixed on every platform and runtime.
/// </summary>
public static class SplitMix64
{
    /// <summary>The golden-ratio increment SplitMix64 adds to its state per step.</summary>
    public const ulong Increment = 0x9E3779B97F4A7C15UL;

    /// <summary>The next output, advancing <paramref name="state"/> by one step.</summary>
    public static ulong Next(ref ulong state)
    {
        var z = state += Increment;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
