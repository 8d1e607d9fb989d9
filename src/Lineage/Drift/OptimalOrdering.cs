using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Kinship.Lineage.Drift;

/// <summary>
/// Exact linear ordering (maximum acyclic subgraph) by dynamic programming over subsets, Held–Karp style: the study's
/// ILP (§4.2 step 4) maximises the weight of pairs placed forward; h(R) = max over v in R of
/// (Σ_{u in R∖v} w(v,u) + h(R∖v)) gives the same optimum in O(2^n·n) time and 2^n longs.
/// </summary>
public static class OptimalOrdering
{
    /// <summary>The largest number of items <see cref="Solve"/> accepts (2^24 subsets, 128 MiB).</summary>
    public const int MaxItems = 24;

    /// <summary>
    /// The ordering of <paramref name="n"/> items maximising Σ_{i before j} w[i·n + j]. Among optimal orderings it returns
    /// the lexicographically smallest sequence of item indices, so callers decide ties by how they number items.
    /// </summary>
    public static OrderingSolution Solve(int n, ReadOnlySpan<long> weights)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(n, MaxItems);
        if (weights.Length != n * n)
        {
            throw new ArgumentException($"expected {n}×{n} = {n * n} weights, got {weights.Length}", nameof(weights));
        }
        if (n == 0)
        {
            return new OrderingSolution([], 0);
        }

        // out(v, S) = Σ_{u∈S} w[v,u], looked up from two half-width tables: low bits and high bits of S.
        var lowBits = n / 2;
        var highBits = n - lowBits;
        var lowSize = 1 << lowBits;
        var highSize = 1 << highBits;
        var lowTable = ArrayPool<long>.Shared.Rent(n * lowSize);
        var highTable = ArrayPool<long>.Shared.Rent(n * highSize);
        var full = (1 << n) - 1;
        var best = ArrayPool<long>.Shared.Rent(full + 1);
        try
        {
            for (var v = 0; v < n; v++)
            {
                FillSubsetSums(weights.Slice(v * n, lowBits), lowTable.AsSpan(v * lowSize, lowSize));
                FillSubsetSums(weights.Slice(v * n + lowBits, highBits), highTable.AsSpan(v * highSize, highSize));
            }
            var lowMask = lowSize - 1;
            // Hot loop of 2^n·n/2 steps: unchecked indexing (every index is below the rented lengths by construction).
            ref var low = ref MemoryMarshal.GetArrayDataReference(lowTable);
            ref var high = ref MemoryMarshal.GetArrayDataReference(highTable);
            ref var h = ref MemoryMarshal.GetArrayDataReference(best);
            h = 0;
            for (var set = 1; set <= full; set++)
            {
                var max = long.MinValue;
                var bits = set;
                while (bits != 0)
                {
                    var v = BitOperations.TrailingZeroCount(bits);
                    bits &= bits - 1;
                    var rest = set & ~(1 << v);
                    var value = Unsafe.Add(ref low, (v << lowBits) + (rest & lowMask))
                        + Unsafe.Add(ref high, (v << highBits) + (rest >> lowBits))
                        + Unsafe.Add(ref h, rest);
                    if (value > max)
                    {
                        max = value;
                    }
                }
                Unsafe.Add(ref h, set) = max;
            }

            // Walk forward, taking the smallest item that can start an optimal ordering of what remains.
            var order = new int[n];
            var remaining = full;
            for (var position = 0; position < n; position++)
            {
                var bits = remaining;
                while (true)
                {
                    var v = BitOperations.TrailingZeroCount(bits);
                    bits &= bits - 1;
                    var rest = remaining & ~(1 << v);
                    if (lowTable[v * lowSize + (rest & lowMask)] + highTable[v * highSize + (rest >> lowBits)] + best[rest] == best[remaining])
                    {
                        order[position] = v;
                        remaining = rest;
                        break;
                    }
                }
            }
            return new OrderingSolution(order, best[full]);
        }
        finally
        {
            ArrayPool<long>.Shared.Return(best);
            ArrayPool<long>.Shared.Return(lowTable);
            ArrayPool<long>.Shared.Return(highTable);
        }
    }

    /// <summary>Σ over pairs i before j of w[order[i]·n + order[j]].</summary>
    public static long Evaluate(int n, ReadOnlySpan<long> weights, ReadOnlySpan<int> order)
    {
        long total = 0;
        for (var i = 0; i < order.Length; i++)
        {
            for (var j = i + 1; j < order.Length; j++)
            {
                total += weights[order[i] * n + order[j]];
            }
        }
        return total;
    }

    // sums[s] = Σ_{bit b in s} row[b], filled in increasing s from s without its lowest bit.
    private static void FillSubsetSums(ReadOnlySpan<long> row, Span<long> sums)
    {
        sums[0] = 0;
        for (var s = 1; s < sums.Length; s++)
        {
            var low = BitOperations.TrailingZeroCount(s);
            sums[s] = sums[s & (s - 1)] + row[low];
        }
    }
}
