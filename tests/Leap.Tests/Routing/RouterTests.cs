using CsCheck;
using Kinship.Leap.Routing;

namespace Kinship.Leap.Tests.Routing;

public sealed class RouterTests
{
    // Hand-computed Levenshtein similarities (all length 4, so 1 − d/4):
    //   0-1 aaaa/aaab d=1 → 0.75   0-2 aaaa/aabb d=2 → 0.5   0-3 aaaa/bbbb d=4 → 0
    //   1-2 aaab/aabb d=1 → 0.75   1-3 aaab/bbbb d=3 → 0.25  2-3 aabb/bbbb d=2 → 0.5
    private static readonly RouteCandidate[] Four = [new(0, "aaaa"), new(1, "aaab"), new(2, "aabb"), new(3, "bbbb")];

    private static (int[] Peers, double[] Similarities)[] Route(RouterKind router, int k, IReadOnlyList<RouteCandidate>? candidates = null, ulong seed = 0) =>
        [.. Router.Route(candidates ?? Four, router, k, SimilarityMeasure.Levenshtein, seed).Select(d => (d.Peers.ToArray(), d.Similarities.ToArray()))];

    [Fact]
    public void Dispersed_router_picks_the_least_similar_peers_ties_by_path_index()
    {
        var routes = Route(RouterKind.Dispersed, 2);
        Assert.Equal([3, 2], routes[0].Peers);
        Assert.Equal([0.0, 0.5], routes[0].Similarities);
        Assert.Equal([3, 0], routes[1].Peers);
        Assert.Equal([0.25, 0.75], routes[1].Similarities);
        Assert.Equal([0, 3], routes[2].Peers);
        Assert.Equal([0.5, 0.5], routes[2].Similarities);
        Assert.Equal([0, 1], routes[3].Peers);
    }

    [Fact]
    public void Clustered_router_picks_the_most_similar_peers_ties_by_path_index()
    {
        var routes = Route(RouterKind.Clustered, 2);
        Assert.Equal([1, 2], routes[0].Peers);
        Assert.Equal([0.75, 0.5], routes[0].Similarities);
        Assert.Equal([0, 2], routes[1].Peers);
        Assert.Equal([1, 0], routes[2].Peers);
        Assert.Equal([2, 1], routes[3].Peers);
        Assert.Equal([0.5, 0.25], routes[3].Similarities);
    }

    [Fact]
    public void Hybrid_router_sends_half_least_similar_then_most_similar()
    {
        var routes = Route(RouterKind.Hybrid, 3);
        Assert.Equal([3, 1, 2], routes[0].Peers);
        Assert.Equal([3, 0, 2], routes[1].Peers);
        Assert.Equal([0.25, 0.75, 0.75], routes[1].Similarities);
    }

    [Fact]
    public void Hybrid_router_never_repeats_a_peer_when_k_exceeds_the_peers()
    {
        var routes = Route(RouterKind.Hybrid, 4);
        Assert.Equal([3, 2, 1], routes[0].Peers);
        Assert.Equal([3, 0, 2], routes[1].Peers);
    }

    [Fact]
    public void K_above_the_number_of_peers_sends_all_of_them()
    {
        Assert.Equal([3, 2, 1], Route(RouterKind.Dispersed, 10)[0].Peers);
        Assert.Equal([1, 2, 3], Route(RouterKind.Clustered, 10)[0].Peers);
        Assert.Equal([0, 1, 3], Route(RouterKind.All, 1)[2].Peers);
    }

    [Fact]
    public void Routes_carry_path_ids_not_positions_in_the_active_set()
    {
        RouteCandidate[] active = [new(2, "aaaa"), new(5, "bbbb"), new(7, "aaab")];
        var decisions = Router.Route(active, RouterKind.Dispersed, 1, SimilarityMeasure.Levenshtein, 0);
        Assert.Equal([2, 5, 7], decisions.Select(d => d.Path));
        Assert.Equal([[5], [2], [5]], decisions.Select(d => d.Peers));
    }

    [Fact]
    public void A_lone_path_receives_no_peers()
    {
        var decision = Assert.Single(Router.Route([new(3, "x")], RouterKind.Dispersed, 4, SimilarityMeasure.Levenshtein, 0));
        Assert.Empty(decision.Peers);
    }

    [Fact]
    public void Random_router_is_seeded()
    {
        var candidates = Enumerable.Range(0, 8).Select(i => new RouteCandidate(i, new string('a', i))).ToArray();
        var first = Router.Route(candidates, RouterKind.Random, 3, SimilarityMeasure.Levenshtein, 42);
        var again = Router.Route(candidates, RouterKind.Random, 3, SimilarityMeasure.Levenshtein, 42);
        var other = Router.Route(candidates, RouterKind.Random, 3, SimilarityMeasure.Levenshtein, 43);
        Assert.Equal(first.Select(d => d.Peers), again.Select(d => d.Peers));
        Assert.NotEqual(first.Select(d => string.Join(",", d.Peers)), other.Select(d => string.Join(",", d.Peers)));
    }

    [Fact]
    public void Every_router_excludes_the_receiver_never_repeats_and_sends_min_of_k_and_peers()
    {
        var gen = Gen.Select(Gen.String[Gen.Char['a', 'c'], 0, 6].Array[1, 7], Gen.Int[1, 8], Gen.Enum<RouterKind>(), Gen.Enum<SimilarityMeasure>(), Gen.ULong);
        gen.Sample((summaries, k, router, measure, seed) =>
        {
            var candidates = summaries.Select((s, i) => new RouteCandidate(i * 3, s)).ToArray();
            foreach (var d in Router.Route(candidates, router, k, measure, seed))
            {
                Assert.DoesNotContain(d.Path, d.Peers);
                Assert.Equal(d.Peers.Count, d.Peers.Distinct().Count());
                Assert.Equal(router == RouterKind.All ? summaries.Length - 1 : Math.Min(k, summaries.Length - 1), d.Peers.Count);
                Assert.Equal(d.Peers.Count, d.Similarities.Count);
            }
        });
    }
}
