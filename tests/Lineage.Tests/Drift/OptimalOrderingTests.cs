using CsCheck;
using Kinship.Lineage.Drift;

namespace Kinship.Lineage.Tests.Drift;

public sealed class OptimalOrderingTests
{
    [Fact]
    public void Acyclic_weights_give_their_topological_order_and_every_weight()
    {
        // 3 → 1 → 0 → 2 is the only order placing every arc forward.
        long[] w =
        [
            0, 0, 5, 0,
            7, 0, 0, 0,
            0, 0, 0, 0,
            0, 1, 0, 0,
        ];

        var solution = OptimalOrdering.Solve(4, w);

        Assert.Equal([3, 1, 0, 2], solution.Order);
        Assert.Equal(13, solution.Value);
    }

    [Fact]
    public void Three_cycle_drops_its_lightest_arc()
    {
        // 0→1 (4), 1→2 (3), 2→0 (1): best order 0,1,2 keeps 7.
        long[] w = [0, 4, 0, 0, 0, 3, 1, 0, 0];

        var solution = OptimalOrdering.Solve(3, w);

        Assert.Equal([0, 1, 2], solution.Order);
        Assert.Equal(7, solution.Value);
    }

    [Fact]
    public void Ties_return_the_lexicographically_smallest_optimal_order()
    {
        // All weights zero: every order is optimal; the identity is the smallest.
        var solution = OptimalOrdering.Solve(5, new long[25]);

        Assert.Equal([0, 1, 2, 3, 4], solution.Order);
        Assert.Equal(0, solution.Value);
    }

    [Fact]
    public void Empty_and_single_item_orderings()
    {
        Assert.Empty(OptimalOrdering.Solve(0, []).Order);
        Assert.Equal([0], OptimalOrdering.Solve(1, [9]).Order);
        Assert.Equal(0, OptimalOrdering.Solve(1, [9]).Value);
    }

    [Fact]
    public void Dynamic_program_equals_brute_force_over_every_permutation()
    {
        var gen =
            from n in Gen.Int[1, 7]
            from weights in Gen.Long[-3, 12].Array[n * n]
            select (n, weights);

        gen.Sample(sample =>
        {
            var (n, weights) = sample;
            var (bestOrder, bestValue) = BruteForce(n, weights);
            var solution = OptimalOrdering.Solve(n, weights);
            Assert.Equal(bestValue, solution.Value);
            Assert.Equal(bestOrder, solution.Order);
        }, iter: 300);
    }

    [Fact]
    public void Twenty_items_are_solved_and_the_value_matches_the_returned_order()
    {
        var random = new Random(20);
        var n = 20;
        var weights = new long[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                var net = random.Next(-1000, 1000);
                weights[net >= 0 ? i * n + j : j * n + i] = Math.Abs(net);
            }
        }

        var solution = OptimalOrdering.Solve(n, weights);

        Assert.Equal(n, solution.Order.Distinct().Count());
        Assert.Equal(OptimalOrdering.Evaluate(n, weights, [.. solution.Order]), solution.Value);
        Assert.True(solution.Value >= OptimalOrdering.Evaluate(n, weights, [.. Enumerable.Range(0, n)]));
    }

    [Fact]
    public void Weights_of_the_wrong_size_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => OptimalOrdering.Solve(3, new long[8]));
        Assert.Throws<ArgumentOutOfRangeException>(() => OptimalOrdering.Solve(OptimalOrdering.MaxItems + 1, []));
    }

    // Permutations in lexicographic order; the first with the best value is the lexicographically smallest optimum.
    private static (int[] Order, long Value) BruteForce(int n, long[] weights)
    {
        var current = Enumerable.Range(0, n).ToArray();
        int[]? best = null;
        var bestValue = long.MinValue;
        do
        {
            var value = 0L;
            for (var i = 0; i < n; i++)
            {
                for (var j = i + 1; j < n; j++)
                {
                    value += weights[current[i] * n + current[j]];
                }
            }
            if (value > bestValue)
            {
                bestValue = value;
                best = (int[])current.Clone();
            }
        }
        while (NextPermutation(current));
        return (best!, bestValue);
    }

    private static bool NextPermutation(int[] a)
    {
        var i = a.Length - 2;
        while (i >= 0 && a[i] >= a[i + 1]) i--;
        if (i < 0) return false;
        var j = a.Length - 1;
        while (a[j] <= a[i]) j--;
        (a[i], a[j]) = (a[j], a[i]);
        Array.Reverse(a, i + 1, a.Length - i - 1);
        return true;
    }
}
