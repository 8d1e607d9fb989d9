using Kinship.Randomness;

namespace Kinship.Lineage.Simulation;

/// <summary>
/// The simulator's draws (uniform, chance, index, normal, log-normal, Pareto, weighted pick) over the one generator,
/// <see cref="SeededRandom"/>. The mappings are part of the simulator's contract: same options, same bytes.
/// </summary>
public sealed class SimulationRandom
{
    private SeededRandom _bits;

    /// <summary>A generator whose whole sequence is determined by <paramref name="seed"/>.</summary>
    public SimulationRandom(ulong seed) => _bits = new SeededRandom(seed);

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64() => _bits.NextUInt64();

    /// <summary>A uniform double in [0, 1).</summary>
    public double NextDouble() => _bits.NextDouble();

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
