using Kinship.Randomness;

namespace Kinship.Leap.Routing;

/// <summary>The LeaP routers: for every active path, pick k peer summaries among the others (LeaP paper §3.2).</summary>
public static class Router
{
    /// <summary>
    /// Routes every candidate. A path never receives its own summary; k at or above the number of peers sends all of them;
    /// ties in similarity go to the lower path index; hybrid never repeats a peer (the released code could).
    /// </summary>
    /// <param name="candidates">The active paths of one problem, with their summaries.</param>
    /// <param name="router">The routing rule.</param>
    /// <param name="k">Peers per path (ignored by <see cref="RouterKind.All"/>); at least 1.</param>
    /// <param name="measure">Summary similarity.</param>
    /// <param name="seed">Seed of the random router (the same seed routes the same way).</param>
    public static IReadOnlyList<RouteDecision> Route(IReadOnlyList<RouteCandidate> candidates, RouterKind router, int k, SimilarityMeasure measure, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var n = candidates.Count;
        var similarity = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            similarity[i, i] = 1.0;
            for (var j = i + 1; j < n; j++)
            {
                similarity[i, j] = similarity[j, i] = SummarySimilarity.Compute(measure, candidates[i].Summary, candidates[j].Summary);
            }
        }
        var decisions = new RouteDecision[n];
        for (var i = 0; i < n; i++)
        {
            var peers = Enumerable.Range(0, n).Where(j => j != i).ToArray();
            var chosen = router switch
            {
                RouterKind.All => peers,
                RouterKind.Dispersed => Ascending(peers, i, similarity, candidates).Take(k).ToArray(),
                RouterKind.Clustered => Descending(peers, i, similarity, candidates).Take(k).ToArray(),
                RouterKind.Hybrid => Hybrid(peers, i, k, similarity, candidates),
                RouterKind.Random => Sample(peers, k, Seeds.Mix(seed, (ulong)candidates[i].Path)),
                _ => throw new ArgumentOutOfRangeException(nameof(router)),
            };
            decisions[i] = new RouteDecision(
                candidates[i].Path,
                chosen.Select(j => candidates[j].Path).ToArray(),
                chosen.Select(j => similarity[i, j]).ToArray());
        }
        return decisions;
    }

    private static IOrderedEnumerable<int> Ascending(int[] peers, int self, double[,] similarity, IReadOnlyList<RouteCandidate> candidates) =>
        peers.OrderBy(j => similarity[self, j]).ThenBy(j => candidates[j].Path);

    private static IOrderedEnumerable<int> Descending(int[] peers, int self, double[,] similarity, IReadOnlyList<RouteCandidate> candidates) =>
        peers.OrderByDescending(j => similarity[self, j]).ThenBy(j => candidates[j].Path);

    private static int[] Hybrid(int[] peers, int self, int k, double[,] similarity, IReadOnlyList<RouteCandidate> candidates)
    {
        var take = Math.Min(k, peers.Length);
        var chosen = Ascending(peers, self, similarity, candidates).Take(Math.Min(k / 2, take)).ToList();
        foreach (var j in Descending(peers, self, similarity, candidates))
        {
            if (chosen.Count == take)
            {
                break;
            }
            if (!chosen.Contains(j))
            {
                chosen.Add(j);
            }
        }
        return [.. chosen];
    }

    private static int[] Sample(int[] peers, int k, ulong seed)
    {
        var pool = (int[])peers.Clone();
        var state = seed;
        var take = Math.Min(k, pool.Length);
        for (var i = 0; i < take; i++)
        {
            var j = i + (int)(SplitMix64.Next(ref state) % (ulong)(pool.Length - i));
            (pool[i], pool[j]) = (pool[j], pool[i]);
        }
        return pool[..take];
    }
}
