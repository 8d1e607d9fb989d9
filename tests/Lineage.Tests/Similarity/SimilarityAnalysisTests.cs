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

    private static SimilarityResult Run(ulong seed = 1) => SimilarityAnalysis.Run(
        NamedGraphs.LittleTree(), new InMemoryDnaSource(Metadata, Cards),
        new SimilarityOptions { Samples = 300, Resamples = 200, Seed = seed, MaxFeatures = 64, Threads = 2 });

    private static SimilarityRow Row(SimilarityResult r, string dna, string measure, string pattern, string code) =>
        r.Rows.Single(x => x.Dna == dna && x.Measure == measure && x.Pattern == pattern && x.Pair.StartsWith(code + " ", StringComparison.Ordinal));

    [Fact]
    public void Every_pattern_pair_measure_and_dna_gets_one_row()
    {
        var result = Run();
        // 24 pair classes (1+1+2+3+2+4+5+6) × 3 measures × 2 DNA kinds.
        Assert.Equal(144, result.Rows.Count);
        Assert.All(result.Rows, r => Assert.Equal(300, r.N + r.Skipped));
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
            Assert.Equal(300, siblings.N);
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
        Assert.Equal(300, chain4.Skipped);
        Assert.Null(chain4.Mean);
        // (t,u) = (0,1) both have cards.
        Assert.Equal(300, Row(result, "card", "tfidf", "chain4", "c6").N);
        // Metadata exists for every node.
        Assert.All(result.Rows.Where(r => r.Dna == "metadata"), r => Assert.Equal(0, r.Skipped));
        var card = result.Corpora.Single(c => c.Dna == "card");
        Assert.Equal(6, card.Documents);
    }

    [Fact]
    public void The_analysis_is_reproducible_for_a_seed()
    {
        Assert.Equal(Run(seed: 4).Rows, Run(seed: 4).Rows);
        Assert.NotEqual(Run(seed: 4).Rows, Run(seed: 5).Rows);
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
        Assert.Equal("0 apart 0.800; 1 apart 0.600; 2 apart 0.500; 3 apart 0.550", checks[SimilarityVerdict.FallsWithGenerations].Evidence);
    }
}
