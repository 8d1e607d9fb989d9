namespace Kinship.Lineage.Simulation;

/// <summary>Draws an index with probability proportional to its weight, with O(log n) weight updates (a Fenwick tree over weights).</summary>
internal sealed class FenwickSampler
{
    private readonly double[] tree;
    private readonly int top;

    public FenwickSampler(int capacity)
    {
        tree = new double[capacity + 1];
        top = capacity == 0 ? 0 : 1 << (31 - int.LeadingZeroCount(capacity));
    }

    /// <summary>The sum of all weights.</summary>
    public double Total { get; private set; }

    /// <summary>Adds <paramref name="delta"/> to the weight of <paramref name="index"/>.</summary>
    public void Add(int index, double delta)
    {
        Total += delta;
        for (var i = index + 1; i < tree.Length; i += i & -i) tree[i] += delta;
    }

    /// <summary>The index whose cumulative weight interval holds <paramref name="u"/> × <see cref="Total"/>.</summary>
    public int Sample(double u)
    {
        var target = u * Total;
        var position = 0;
        for (var step = top; step > 0; step >>= 1)
        {
            var next = position + step;
            if (next < tree.Length && tree[next] <= target)
            {
                position = next;
                target -= tree[next];
            }
        }
        return Math.Min(position, tree.Length - 2);
    }
}
