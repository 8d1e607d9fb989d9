using Kinship.Randomness;

namespace Kinship.Lineage.Similarity;

/// <summary>Percentile bootstrap of the mean (study §3.3: 2.5th and 97.5th percentiles of resampled means).</summary>
public static class Bootstrap
{
    /// <summary>
    /// The mean of <paramref name="values"/> and the 2.5/97.5 percentiles (linear interpolation, as numpy's default) of
    /// <paramref name="resamples"/> means of same-size resamples drawn with replacement; reproducible for a seed.
    /// </summary>
    public static MeanInterval MeanWithInterval(ReadOnlySpan<double> values, int resamples, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 1);
        if (values.IsEmpty)
        {
            throw new ArgumentException("no values to bootstrap", nameof(values));
        }
        double sum = 0;
        foreach (var v in values)
        {
            sum += v;
        }
        var mean = sum / values.Length;
        var means = new double[resamples];
        var rng = new SeededRandom(seed);
        var n = values.Length;
        for (var r = 0; r < resamples; r++)
        {
            double s = 0;
            for (var i = 0; i < n; i++)
            {
                s += values[rng.NextInt32(n)];
            }
            means[r] = s / n;
        }
        Array.Sort(means);
        return new MeanInterval(mean, Percentile(means, 2.5), Percentile(means, 97.5));
    }

    /// <summary>The q-th percentile of sorted values, interpolating linearly between closest ranks.</summary>
    public static double Percentile(ReadOnlySpan<double> sorted, double q)
    {
        if (sorted.IsEmpty)
        {
            throw new ArgumentException("no values", nameof(sorted));
        }
        var position = q / 100.0 * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        var fraction = position - lower;
        return sorted[lower] + (sorted[upper] - sorted[lower]) * fraction;
    }
}
