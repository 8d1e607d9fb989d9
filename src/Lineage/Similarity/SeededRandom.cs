namespace Kinship.Lineage.Similarity;

/// <summary>
/// xoshiro256** seeded through SplitMix64: a small, fast PRNG whose sequence for a seed is fixed forever (unlike
/// <see cref="Random"/>, whose seeded algorithm may change), so sampled pairs and intervals are reproducible.
/// </summary>
public struct SeededRandom
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>A generator for <paramref name="seed"/>.</summary>
    public SeededRandom(ulong seed)
    {
        _s0 = SplitMix(ref seed);
        _s1 = SplitMix(ref seed);
        _s2 = SplitMix(ref seed);
        _s3 = SplitMix(ref seed);
    }

    /// <summary>A seed derived from a base seed and stream numbers, for independent reproducible streams.</summary>
    public static ulong Derive(ulong seed, params ReadOnlySpan<int> stream)
    {
        var s = seed;
        foreach (var x in stream)
        {
            s ^= (ulong)(uint)x + 0x9E3779B97F4A7C15UL;
            s = SplitMix(ref s);
        }
        return s;
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform integer in [0, <paramref name="bound"/>), without modulo bias (Lemire's method).</summary>
    public long NextInt64(long bound)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bound, 1);
        var b = (ulong)bound;
        var high = Math.BigMul(NextUInt64(), b, out var low);
        if (low < b)
        {
            var threshold = (0UL - b) % b;
            while (low < threshold)
            {
                high = Math.BigMul(NextUInt64(), b, out low);
            }
        }
        return (long)high;
    }

    /// <summary>A uniform integer in [0, <paramref name="bound"/>).</summary>
    public int NextInt32(int bound) => (int)NextInt64(bound);

    private static ulong SplitMix(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
