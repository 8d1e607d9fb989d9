namespace Kinship.Randomness;

/// <summary>
/// The one pseudo-random generator of both systems: xoshiro256** (Blackman and Vigna 2018) seeded through
/// <see cref="SplitMix64"/>. Its sequence for a seed is fixed forever (unlike <see cref="Random"/>, whose seeded
/// algorithm may change between runtimes), so samples, simulations and shuffles are reproducible. A mutable struct:
/// pass it by <c>ref</c>, or hold it in a field, never copy it.
/// </summary>
public struct SeededRandom
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>A generator whose whole sequence is determined by <paramref name="seed"/>.</summary>
    public SeededRandom(ulong seed)
    {
        _s0 = SplitMix64.Next(ref seed);
        _s1 = SplitMix64.Next(ref seed);
        _s2 = SplitMix64.Next(ref seed);
        _s3 = SplitMix64.Next(ref seed);
    }

    /// <summary>A generator at the given raw xoshiro256** state (not all zero), as published reference vectors state it.</summary>
    public static SeededRandom FromState(ulong s0, ulong s1, ulong s2, ulong s3)
    {
        if ((s0 | s1 | s2 | s3) == 0)
        {
            throw new ArgumentException("xoshiro256** state must not be all zero", nameof(s0));
        }
        var random = default(SeededRandom);
        random._s0 = s0;
        random._s1 = s1;
        random._s2 = s2;
        random._s3 = s3;
        return random;
    }

    /// <summary>A seed derived from a base seed and stream numbers, for independent reproducible streams.</summary>
    public static ulong Derive(ulong seed, params ReadOnlySpan<int> stream)
    {
        var s = seed;
        foreach (var x in stream)
        {
            s ^= (ulong)(uint)x + SplitMix64.Increment;
            s = SplitMix64.Next(ref s);
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

    /// <summary>A uniform double in [0, 1) (the top 53 bits).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Shuffles <paramref name="items"/> in place: Fisher–Yates, every permutation equally likely.</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = NextInt32(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
