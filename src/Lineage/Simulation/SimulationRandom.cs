using System.Numerics;

namespace Kinship.Lineage.Simulation;

/// <summary>xoshiro256** seeded through splitmix64: a small, fast PRNG whose sequence is fixed by the seed on every platform and runtime.</summary>
public sealed class SimulationRandom
{
    private ulong s0, s1, s2, s3;

    /// <summary>A generator whose whole sequence is determined by <paramref name="seed"/>.</summary>
    public SimulationRandom(ulong seed)
    {
        var x = seed;
        s0 = SplitMix(ref x);
        s1 = SplitMix(ref x);
        s2 = SplitMix(ref x);
        s3 = SplitMix(ref x);
    }

    /// <summary>One splitmix64 step: a well-mixed 64-bit value from a counter (also used to derive independent sub-seeds).</summary>
    public static ulong SplitMix(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        var result = BitOperations.RotateLeft(s1 * 5, 7) * 9;
        var t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = BitOperations.RotateLeft(s3, 45);
        return result;
    }

    /// <summary>A uniform double in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public bool Chance(double p) => NextDouble() < p;

    /// <summary>A uniform integer in [0, <paramref name="n"/>) (Lemire's multiply-shift, bias below 2^-32 for the sizes used here).</summary>
    public int NextInt(int n) => (int)((NextUInt64() >> 32) * (ulong)n >> 32);

    /// <summary>A standard normal draw (Box–Muller).</summary>
    public double NextNormal()
    {
        var u = 1.0 - NextDouble();
        var v = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * v);
    }

    /// <summary>A log-normal draw with the given median and log-scale spread.</summary>
    public double NextLogNormal(double median, double sigma) => median * Math.Exp(sigma * NextNormal());

    /// <summary>A Pareto draw with minimum 1 and tail index <paramref name="alpha"/>.</summary>
    public double NextPareto(double alpha) => Math.Pow(1.0 - NextDouble(), -1.0 / alpha);

    /// <summary>An index drawn with probability proportional to <paramref name="weights"/> (a linear scan: for short tables).</summary>
    public int Pick(ReadOnlySpan<double> weights, double total)
    {
        var u = NextDouble() * total;
        for (var i = 0; i < weights.Length; i++)
        {
            u -= weights[i];
            if (u < 0) return i;
        }
        return weights.Length - 1;
    }
}
