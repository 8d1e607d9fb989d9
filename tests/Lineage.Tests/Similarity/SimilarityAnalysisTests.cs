using Kinship.Lineage.Similarity;

namespace Kinship.Lineage.Tests.Similarity;

public sealed class SimilarityAnalysisTests
{
    // Little tree (0→1,2,3; 1→4,5; 4→6; 7 isolated). Children 1, 2, 3 share one text; 4 and 5 share another.
    private static readonly string?[] Metadata =
    [
        """{"id":"org/base","tags":["llama","text-generation","license:apache-2.0"]}""",
        """{"id":"org/chat","tags":["llama","text-generation","base_model:org/base"]}""",
        """{"id":"org/chat","tags":["llama","text-generation","base_model:org/base"]}""",
        """{"id":"org/chat","tags":["llama","text-generation","base_model:org/base"]}""",
        """{"id":"org/math","tags":["llama","math","base_model:org/chat"]}""",
        """{"id":"org/math","tags":["llama","math","base_model:org/chat"]}""",
        """{"id":"other/gguf","tags":["gguf","base_model:org/math"]}""",
        """{"id":"lonely/vision","tags":["image-classification","timm"]}""",
    ];

    // Node 6 and node 7 have no qualifying card (6: auto-generated; 7: too short).
    private static readonly string?[] Cards =
    [
        Card("base model card"), Card("chat card"), Card("chat card"), Card("chat card"),
        Card("math card"), Card("math card"), Card("This card was automatically generated."), "short",
    ];

    private static string Card(string head) => head + " " + string.Concat(Enumerable.Repeat("words of the card ", 40));

    // Little-tree multiplicities: every pattern has at most 28 instances, so 300 "samples" enumerate them all.
    private static readonly Dictionary<string, int> Instances = new()
    {
        ["random"] = 28, ["edge"] = 6, ["cherry"] = 4, ["chain3"] = 3, ["star3"] = 1, ["fork"] = 1, ["aunt"] = 5, ["chain4"] = 1,
    };

    private static SimilarityResult Run(ulong seed = 1, int samples = 300) => SimilarityAnalysis.Run(
        NamedGraphs.LittleTree(), new InMemoryDnaSource(Metadata, Cards),
        new SimilarityOptions { Samples = samples, Resamples = 200, Seed = seed, MaxFeatures = 64, Threads = 2 });

    private static SimilarityRow Row(SimilarityResult r, string dna, string measure, string pattern, string code) =>
        r.Rows.Single(x => x.Dna == dna && x.Measure == measure && x.Pattern == pattern && x.Pair.StartsWith(code + " ", StringComparison.Ordinal));

    [Fact]
    public void Every_pattern_pair_measure_and_dna_gets_one_row()
    {
        var result = Run();
        // 24 pair classes (1+1+2+3+2+4+5+6) × 3 measures × 2 DNA kinds.
        Assert.Equal(144, result.Rows.Count);
        Assert.All(result.Rows, r => Assert.Equal(Instances[r.Pattern], r.N + r.Skipped));
        Assert.All(result.Rows, r => Assert.True(r.AllInstances));
        Assert.Equal(28, result.Multiplicities["random"]);
        Assert.Equal(5, result.Multiplicities["aunt"]);
    }

    [Fact]
    public void Identical_siblings_score_one_with_a_degenerate_interval()
    {
        var result = Run();
        foreach (var measure in new[] { "levenshtein", "bow", "tfidf" })
        {
            // Star3's only parent is 0, whose children 1, 2, 3 are identical.
            var siblings = Row(result, "metadata", measure, "star3", "c2");
            Assert.Equal(1, siblings.N);
            Assert.Equal(1.0, siblings.Mean!.Value, 6);
            Assert.Equal(1.0, siblings.CiLow!.Value, 6);
        }
    }

    [Fact]
    public void Pairs_with_a_missing_card_are_skipped_and_counted()
    {
        var result = Run();
        // Every chain4 instance ends at node 6, whose card is auto-generated: all pairs touching 6 are skipped.
        var chain4 = Row(result, "card", "tfidf", "chain4", "c1");
        Assert.Equal(0, chain4.N);
        Assert.Equal(1, chain4.Skipped);
        Assert.Null(chain4.Mean);
        // (t,u) = (0,1) both have cards.
        Assert.Equal(1, Row(result, "card", "tfidf", "chain4", "c6").N);
        // Metadata exists for every node.
        Assert.All(result.Rows.Where(r => r.Dna == "metadata"), r => Assert.Equal(0, r.Skipped));
        var card = result.Corpora.Single(c => c.Dna == "card");
        Assert.Equal(6, card.Documents);
    }

    [Fact]
    public void The_analysis_is_reproducible_for_a_seed()
    {
        Assert.Equal(Run(seed: 4, samples: 3).Rows, Run(seed: 4, samples: 3).Rows);
        Assert.NotEqual(Run(seed: 4, samples: 3).Rows, Run(seed: 5, samples: 3).Rows);
    }

    [Fact]
    public void Patterns_with_more_instances_than_the_sample_size_are_sampled_the_others_enumerated()
    {
        var result = Run(samples: 3);
        // random (28), edge (6), cherry (4) and aunt (5) exceed 3 draws; chain3 (3), star3, fork and chain4 (1) do not.
        foreach (var row in result.Rows.Where(r => r.Dna == "metadata"))
        {
            var exact = Instances[row.Pattern] <= 3;
            Assert.Equal(exact, row.AllInstances);
            Assert.Equal(exact ? Instances[row.Pattern] : 3, row.N);
        }
    }

    // Four-letter DNA on the little tree, so every Levenshtein similarity 1 − d/4 is worked out by hand.
    private static readonly string?[] Letters = ["aaaa", "aaab", "aabb", "abbb", "aaba", "bbbb", "aabc", "cccc"];

    private static SimilarityResult RunLetters(int samples = 5_000) => SimilarityAnalysis.Run(
        NamedGraphs.LittleTree(), new InMemoryDnaSource(Letters, new string?[8]),
        new SimilarityOptions { Samples = samples, Resamples = 500, Seed = 7, MaxFeatures = 16, Threads = 2, Dna = [DnaKind.Metadata] });

    [Fact]
    public void Exact_enumeration_gives_the_hand_computed_means_of_all_instances()
    {
        var result = RunLetters();
        SimilarityRow Lev(string pattern, string code) => Row(result, "metadata", "levenshtein", pattern, code);
        // Edges: (0,1) 3/4, (0,2) 2/4, (0,3) 1/4, (1,4) 2/4, (1,5) 1/4, (4,6) 3/4 → 3/6.
        var edge = Lev("edge", "c1");
        Assert.True(edge.AllInstances);
        Assert.Equal(6, edge.N);
        Assert.Equal(0.5, edge.Mean!.Value, 12);
        // Chain3 (u,w) over its 3 instances: (0,4) 3/4, (0,5) 0, (1,6) 2/4 → 1.25/3.
        Assert.Equal(1.25 / 3, Lev("chain3", "c1").Mean!.Value, 12);
        Assert.Equal(3, Lev("chain3", "c1").N);
        // Cherry (p,a): each instance averages its two orderings: {0;1,2} (3/4+2/4)/2, {0;1,3} (3/4+1/4)/2, {0;2,3} (2/4+1/4)/2,
        // {1;4,5} (2/4+1/4)/2 → (0.625 + 0.5 + 0.375 + 0.375)/4.
        Assert.Equal(0.46875, Lev("cherry", "c1").Mean!.Value, 12);
        Assert.Equal(4, Lev("cherry", "c1").N);
        // Cherry siblings: (1,2) 3/4, (1,3) 2/4, (2,3) 3/4, (4,5) 1/4 → 2.25/4.
        var siblings = Lev("cherry", "c2");
        Assert.Equal(0.5625, siblings.Mean!.Value, 12);
        // The interval is the bootstrap over those four instance values, so it lies within their range.
        Assert.InRange(siblings.CiLow!.Value, 0.25, 0.5625);
        Assert.InRange(siblings.CiHigh!.Value, 0.5625, 0.75);
        // Chain4's single instance 0→1→4→6: (t,w) = (0,6) "aaaa"/"aabc" 2/4, exactly, with a degenerate interval.
        var chain4 = Lev("chain4", "c1");
        Assert.Equal((1, 0.5, 0.5, 0.5), (chain4.N, chain4.Mean!.Value, chain4.CiLow!.Value, chain4.CiHigh!.Value));
    }

    [Fact]
    public void A_pair_drawn_by_two_patterns_is_measured_once()
    {
        // Two models, one edge: random draws (0,1) and edge draws (0,1).
        var stages = new List<SimilarityProgress>();
        var result = SimilarityAnalysis.Run(NamedGraphs.Build(2, (0, 1)), new InMemoryDnaSource(["ab", "abc"], [null, null]),
            new SimilarityOptions { Samples = 10, Resamples = 10, Dna = [DnaKind.Metadata] }, new SyncProgress(stages.Add), TestContext.Current.CancellationToken);
        Assert.Equal(1, result.PairsMeasured["metadata"]);
        Assert.Equal(Row(result, "metadata", "levenshtein", "random", "c1").Mean, Row(result, "metadata", "levenshtein", "edge", "c1").Mean);
        Assert.Equal(1, stages.Last(s => s.Stage == "measuring metadata pairs").Total);
    }

    [Fact]
    public void Pairs_sampled_many_times_are_measured_once_each()
    {
        // A star of 100 children: 5,050 random pairs (> 5,000, sampled with replacement, so draws repeat), 100 edges and
        // 4,950 cherries (enumerated), 161,700 star3 instances (sampled). Every pair of the 101 models is drawn, most many times.
        var graph = NamedGraphs.Build(101, [.. Enumerable.Range(1, 100).Select(c => (0, c))]);
        var texts = Enumerable.Range(0, 101).Select(i => (string?)$"model {i}").ToArray();
        var result = SimilarityAnalysis.Run(graph, new InMemoryDnaSource(texts, new string?[101]),
            new SimilarityOptions { Samples = 5_000, Resamples = 10, Dna = [DnaKind.Metadata] }, cancellationToken: TestContext.Current.CancellationToken);
        var draws = result.Rows.Where(r => r.Measure == "levenshtein").Sum(r => r.N);
        Assert.True(draws > 20_000, $"{draws} draws");
        Assert.Equal(5_050, result.PairsMeasured["metadata"]);
        Assert.False(Row(result, "metadata", "levenshtein", "random", "c1").AllInstances);
        Assert.True(Row(result, "metadata", "levenshtein", "cherry", "c2").AllInstances);
        Assert.Equal(4_950, Row(result, "metadata", "levenshtein", "cherry", "c2").N);
    }

    [Fact]
    public void The_verdict_reads_the_expected_ordering_off_the_rows()
    {
        var result = Run();
        var checks = result.Verdict.Where(v => v.Dna == "metadata" && v.Measure == "levenshtein").ToDictionary(v => v.Claim);
        // Here siblings are identical (1.0) while parents and children differ, and random pairs include unrelated models.
        Assert.True(checks[SimilarityVerdict.ParentChildBelowSiblings].Holds);
        Assert.Equal(3, checks.Count);
    }

    [Fact]
    public void Verdict_checks_follow_from_hand_written_rows()
    {
        SimilarityRow R(string pattern, string pair, int? gap, double mean, double lo, double hi) =>
            new("metadata", "tfidf", pattern, pair, gap, 10, mean, lo, hi, 0);
        var rows = new[]
        {
            R("random", "c1 unrelated (a,b)", null, 0.1, 0.08, 0.12),
            R("edge", "c1 parent-child (u,v)", 1, 0.6, 0.55, 0.65),
            R("cherry", "c1 parent-child (p,a)", 1, 0.6, 0.55, 0.65),
            R("cherry", "c2 siblings (a,b)", 0, 0.8, 0.75, 0.85),
            R("chain3", "c1 grandparent-grandchild (u,w)", 2, 0.5, 0.45, 0.55),
            R("chain4", "c1 great-grandparent-great-grandchild (t,w)", 3, 0.55, 0.5, 0.6),
        };
        var checks = SimilarityVerdict.Check(rows).ToDictionary(c => c.Claim);
        Assert.True(checks[SimilarityVerdict.RandomBelowParentChild].Holds);
        Assert.True(checks[SimilarityVerdict.ParentChildBelowSiblings].Holds);
        // 3 apart (0.55) is above 2 apart (0.5): the generational fall is broken.
        Assert.False(checks[SimilarityVerdict.FallsWithGenerations].Holds);
        Assert.Equal("0 apart 0.800 > 1 apart 0.600 > 2 apart 0.500 < 3 apart 0.550 (pooled means of related pairs); does not fall from 2 to 3 apart",
            checks[SimilarityVerdict.FallsWithGenerations].Evidence);
    }
}
