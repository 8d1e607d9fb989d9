using Kinship.Lineage.Similarity;

namespace Kinship.Lineage.Tests.Similarity;

public sealed class BootstrapTests
{
    [Fact]
    public void Percentile_interpolates_linearly_like_numpy()
    {
        double[] sorted = [1, 2, 3, 4];
        Assert.Equal(1.75, Bootstrap.Percentile(sorted, 25), 12); // position 0.75
        Assert.Equal(1.075, Bootstrap.Percentile(sorted, 2.5), 12); // position 0.075
        Assert.Equal(3.925, Bootstrap.Percentile(sorted, 97.5), 12);
        Assert.Equal(4.0, Bootstrap.Percentile(sorted, 100), 12);
    }

    [Fact]
    public void Interval_is_reproducible_for_a_seed_and_brackets_the_mean()
    {
        double[] values = [0.1, 0.9, 0.4, 0.35, 0.8, 0.2, 0.65, 0.5];
        var a = Bootstrap.MeanWithInterval(values, 1_000, seed: 5);
        var b = Bootstrap.MeanWithInterval(values, 1_000, seed: 5);
        var c = Bootstrap.MeanWithInterval(values, 1_000, seed: 6);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.Equal(0.4875, a.Mean, 12);
        Assert.InRange(a.Low, 0.2, a.Mean);
        Assert.InRange(a.High, a.Mean, 0.75);
    }

    [Fact]
    public void Constant_values_give_a_degenerate_interval()
    {
        var interval = Bootstrap.MeanWithInterval([0.3, 0.3, 0.3], 100, seed: 1);
        Assert.Equal(new MeanInterval(0.3, 0.3, 0.3), interval with { Mean = Math.Round(interval.Mean, 12), Low = Math.Round(interval.Low, 12), High = Math.Round(interval.High, 12) });
    }

    [Fact]
    public void A_single_value_interval_is_that_value()
    {
        Assert.Equal(new MeanInterval(0.7, 0.7, 0.7), Bootstrap.MeanWithInterval([0.7], 50, seed: 2));
    }
}
