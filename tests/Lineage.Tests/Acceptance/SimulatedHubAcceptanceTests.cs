using Kinship.Lineage.Catalog;
using Kinship.Lineage.Drift;
using Kinship.Lineage.Genealogy;
using Kinship.Lineage.Reporting;
using Kinship.Lineage.Similarity;
using Kinship.Lineage.Simulation;

namespace Kinship.Lineage.Tests.Acceptance;

/// <summary>
/// Issue 4's acceptance on simulated Hubs: directed drift gives siblings &gt; parent–child &gt; random and strong drift
/// orderings; the null model ("standard asexual reproduction") gives parent–child ≥ siblings and weak orderings.
/// The whole pipeline runs for real: simulator → JSON Lines file → CatalogImporter → DuckDB → CatalogSnapshot → the
/// production similarity and drift entry points, on the graphs <see cref="LineageAnalysis.Run"/> uses (similarity on
/// fine-tunes, drift on every edge).
/// </summary>
/// <remarks>
/// Pair classes compared: the cherry pattern (a parent with two of its children, weight C(k,2)) gives parent–child and
/// siblings pairs drawn from the same instances, so the two means differ only by the relation, not by which families are
/// sampled; the random pattern is the unrelated baseline. Every step is seeded, so the means are pinned exactly (4
/// decimals); the inequalities are the claims.
/// </remarks>
public sealed class SimulatedHubAcceptanceTests(SimulatedHubAcceptanceTests.Hubs hubs) : IClassFixture<SimulatedHubAcceptanceTests.Hubs>
{
    private const string Random = "random";
    private const string Cherry = "cherry";
    private const string ParentChild = "c1 parent-child (p,a)";
    private const string Siblings = "c2 siblings (a,b)";
    private const string Unrelated = "c1 unrelated (a,b)";

    [Theory]
    [InlineData("metadata", "tfidf", 0.0958, 0.7392, 0.7838)]
    [InlineData("metadata", "levenshtein", 0.5604, 0.6452, 0.8142)] // python-repr DNA (the study's); json DNA gave 0.5407, 0.6268, 0.8060
    [InlineData("metadata", "bow", 0.3448, 0.7891, 0.8394)]
    [InlineData("card", "tfidf", 0.1577, 0.6298, 0.9669)]
    [InlineData("card", "levenshtein", 0.2294, 0.3107, 0.9143)]
    [InlineData("card", "bow", 0.2252, 0.6343, 0.9661)]
    public void Directed_hub_gives_siblings_above_parent_child_above_random(string dna, string measure, double random, double parentChild, double siblings)
    {
        var result = hubs.Directed.Similarity;
        var (r, pc, sib) = (Mean(result, dna, measure, Random, Unrelated), Mean(result, dna, measure, Cherry, ParentChild), Mean(result, dna, measure, Cherry, Siblings));

        Assert.True(sib.CiLow > pc.CiHigh, $"{dna}/{measure}: siblings {sib} not above parent-child {pc}");
        Assert.True(pc.CiLow > r.CiHigh, $"{dna}/{measure}: parent-child {pc} not above random {r}");
        Assert.Equal((random, parentChild, siblings), (Round(r.Mean), Round(pc.Mean), Round(sib.Mean)));
    }

    // Card DNA only: a listing record cannot be a copy of its parent's, since every child's record carries two
    // base_model tags naming the parent (shared by siblings, absent from the parent), so metadata DNA keeps siblings above
    // parent–child even under the null model (tfidf 0.8189 vs 0.7728 for this seed). The report states it; see docs.
    [Theory]
    [InlineData("card", "tfidf", 0.2043, 0.9046, 0.8660)]
    [InlineData("card", "levenshtein", 0.2398, 0.8814, 0.8477)]
    [InlineData("card", "bow", 0.2855, 0.9252, 0.8933)]
    public void Null_model_hub_gives_parent_child_at_least_siblings_on_card_dna(string dna, string measure, double random, double parentChild, double siblings)
    {
        var result = hubs.Null.Similarity;
        var (r, pc, sib) = (Mean(result, dna, measure, Random, Unrelated), Mean(result, dna, measure, Cherry, ParentChild), Mean(result, dna, measure, Cherry, Siblings));

        Assert.True(pc.Mean >= sib.Mean, $"{dna}/{measure}: parent-child {pc} below siblings {sib}");
        Assert.True(sib.Mean > r.Mean, $"{dna}/{measure}: siblings {sib} not above random {r}");
        Assert.Equal((random, parentChild, siblings), (Round(r.Mean), Round(pc.Mean), Round(sib.Mean)));
    }

    [Fact]
    public void Directed_hub_orders_license_and_language_drift_with_over_80_percent_of_transitions_accounted_for()
    {
        var drift = hubs.Directed.Drift;

        Assert.True(Share(drift.License) > 0.80, $"license {Share(drift.License):P1}");
        Assert.True(Share(drift.Language) > 0.80, $"language {Share(drift.Language):P1}");
        Assert.Equal((746L, 828L), (drift.License.TransitionsForward, drift.License.TransitionsTotal));
        Assert.Equal((345L, 370L), (drift.Language.TransitionsForward, drift.Language.TransitionsTotal));
        Assert.Equal(drift.License.OrientedTotal, drift.License.OrientedCompatible);
    }

    [Fact]
    public void Null_model_hub_accounts_for_under_65_percent_of_license_language_and_task_transitions()
    {
        var drift = hubs.Null.Drift;

        Assert.True(Share(drift.License) < 0.65, $"license {Share(drift.License):P1}");
        Assert.True(Share(drift.Language) < 0.65, $"language {Share(drift.Language):P1}");
        Assert.True(Share(drift.Task) < 0.65, $"task {Share(drift.Task):P1}");
        Assert.True(drift.License.OrientedCompatible < drift.License.OrientedTotal, "the null model's license drift is perfectly ordered");
        Assert.Equal((658L, 1104L), (drift.License.TransitionsForward, drift.License.TransitionsTotal));
        Assert.Equal((1380L, 2242L), (drift.Language.TransitionsForward, drift.Language.TransitionsTotal));
        Assert.Equal((2202L, 3590L), (drift.Task.TransitionsForward, drift.Task.TransitionsTotal));
    }

    private static double Share(Kinship.Lineage.Drift.TraitDrift drift) => (double)drift.TransitionsForward / drift.TransitionsTotal;

    private static double Round(double? value) => Math.Round(value ?? double.NaN, 4);

    private static (double Mean, double CiLow, double CiHigh) Mean(SimilarityResult result, string dna, string measure, string pattern, string pair)
    {
        var row = Assert.Single(result.Rows, r => r.Dna == dna && r.Measure == measure && r.Pattern == pattern && r.Pair == pair);
        Assert.True(row.N >= 400, $"{dna}/{measure}/{pattern}/{pair}: only {row.N} pairs");
        return (row.Mean!.Value, row.CiLow!.Value, row.CiHigh!.Value);
    }

    /// <summary>The simulated directed and null-model Hubs (30,000 models with cards, seed 7), imported and analysed once for the class.</summary>
    public sealed class Hubs : IDisposable
    {
        private const int Models = 30_000;
        private const ulong Seed = 7;
        private readonly string folder = Path.Combine(Path.GetTempPath(), "kinship-acceptance-" + Guid.NewGuid().ToString("N"));

        public Hubs()
        {
            Directory.CreateDirectory(folder);
            Directed = Analyse(nullModel: false);
            Null = Analyse(nullModel: true);
        }

        public HubAnalysis Directed { get; }

        public HubAnalysis Null { get; }

        public void Dispose()
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        private HubAnalysis Analyse(bool nullModel)
        {
            var name = nullModel ? "null" : "directed";
            var jsonl = Path.Combine(folder, name + ".jsonl");
            var catalog = Path.Combine(folder, name + ".duckdb");
            EcosystemSimulator.WriteFile(new SimulationOptions { Models = Models, Seed = Seed, Cards = true, NullModel = nullModel }, jsonl);
            var rejects = new List<ImportReject>();
            new CatalogImporter(catalog).Import([new ImportSource(jsonl)], rejects.Add);
            Assert.Empty(rejects);
            using var snapshot = CatalogSnapshot.Open(catalog);
            Assert.Equal(Models, snapshot.Genealogy.Graph.NodeCount);
            var defaults = new AnalyzeOptions();
            var similarity = SimilarityAnalysis.Run(snapshot.Genealogy.WithVariant(defaults.Variant).Graph, snapshot,
                new SimilarityOptions { Samples = 2_000, Resamples = 200, Seed = 1 });
            var drift = DirectionalDrift.Analyze(snapshot.Genealogy.WithVariant(defaults.TraitVariant).Graph, snapshot.Traits);
            return new HubAnalysis(similarity, drift);
        }
    }

    /// <summary>What the acceptance checks read from one Hub's analysis.</summary>
    public sealed record HubAnalysis(SimilarityResult Similarity, DriftResult Drift);
}
