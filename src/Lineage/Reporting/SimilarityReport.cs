using System.Text.Json;
using System.Text.Json.Nodes;
using Kinship.Lineage.Similarity;

namespace Kinship.Lineage.Reporting;

/// <summary>Maps a <see cref="SimilarityResult"/> to the report's similarity section: rows, verdict, multiplicities, panels.</summary>
public static class SimilarityReport
{
    /// <summary>The similarity section of the report.</summary>
    public static ReportSection Section(SimilarityResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var tables = new List<ReportTable>();
        if (result.Verdict.Any(v => v.Holds is not null))
        {
            tables.Add(new ReportTable("Expected ordering (study §3.4) checked on this data", ["DNA", "measure", "claim", "holds", "evidence"],
                [.. result.Verdict.Where(v => v.Holds is not null).Select(v => (IReadOnlyList<string>)[v.Dna, v.Measure, v.Claim, v.Holds == true ? "yes" : "no", v.Evidence])]));
        }
        tables.AddRange(
        [
            new ReportTable("Pattern multiplicities (instances in the graph) and how they were measured", ["pattern", "instances", "measured"],
                [.. result.Multiplicities.Select(kv => (IReadOnlyList<string>)[kv.Key, ReportFormat.Count(kv.Value),
                    kv.Value == 0 ? "none (no instance)" : kv.Value <= result.Options.Samples ? $"all {ReportFormat.Count(kv.Value)} instances (exact)" : $"{ReportFormat.Count(result.Options.Samples)} sampled with replacement"])]),
            new ReportTable("DNA corpora", ["DNA", "documents", "distinct terms", "features", "most frequent terms"],
                [.. result.Corpora.Where(c => c.Documents > 0).Select(c => (IReadOnlyList<string>)[c.Dna, ReportFormat.Count(c.Documents), ReportFormat.Count(c.DistinctTerms), c.Features.ToString(System.Globalization.CultureInfo.InvariantCulture), string.Join(", ", c.TopTerms.Take(8))])]),
        ]);
        tables.RemoveAll(t => t.Rows.Count == 0);
        var charts = new List<ReportChart>();
        // Pair classes with no measured instance get no row (a DNA with none gets no table): NotMeasured says why.
        foreach (var dna in result.Rows.Where(r => r.N > 0).Select(r => r.Dna).Distinct())
        {
            var rows = result.Rows.Where(r => r.Dna == dna && r.N > 0).ToList();
            var measures = rows.Select(r => r.Measure).Distinct().ToList();
            var pairs = rows.Select(r => (r.Pattern, r.Pair, r.GenerationsApart)).Distinct().ToList();
            tables.Add(new ReportTable($"Genetic similarity, {dna} DNA: mean [95% CI] (n)",
                ["pattern", "pair", "generations apart", .. measures],
                [.. pairs.Select(p => (IReadOnlyList<string>)[p.Pattern, p.Pair, p.GenerationsApart?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unrelated",
                    .. measures.Select(m => Cell(rows.First(r => r.Pattern == p.Pattern && r.Pair == p.Pair && r.Measure == m)))])]));
            foreach (var measure in measures)
            {
                var points = rows.Where(r => r.Measure == measure && r.Mean is not null)
                    .Select(r => new IntervalPoint($"{r.Pattern} {r.Pair.Split(' ')[0]}", r.GenerationsApart is { } g ? (g == 1 ? "1 generation apart" : $"{g} generations apart") : "unrelated",
                        r.Mean!.Value, r.CiLow!.Value, r.CiHigh!.Value)).ToList();
                if (points.Count > 0)
                {
                    charts.Add(new IntervalChart($"similarity-{dna}-{measure}", $"Genetic similarity, {dna} DNA, {measure}", "similarity", points));
                }
            }
        }
        charts.AddRange(GenerationalGapPanels(result));
        var data = JsonSerializer.SerializeToNode(result.Rows, ReportFormat.Json);
        return new ReportSection("similarity", "Genetic similarity", data, tables, charts,
            $"Patterns with at most {result.Options.Samples:#,0} instances are measured on all of them (exact means); larger ones on {result.Options.Samples:#,0} instances sampled with replacement. " +
            $"{result.Options.Resamples:#,0} bootstrap resamples, seed {result.Options.Seed}, {result.Options.MaxFeatures} features; each distinct pair measured once per DNA.")
        {
            Related = new Dictionary<string, JsonNode?>
            {
                ["similarityVerdict"] = JsonSerializer.SerializeToNode(result.Verdict, ReportFormat.Json),
                ["similarityMultiplicities"] = JsonSerializer.SerializeToNode(result.Multiplicities, ReportFormat.Json),
                ["similarityCorpora"] = JsonSerializer.SerializeToNode(result.Corpora, ReportFormat.Json),
                ["similarityPairsMeasured"] = JsonSerializer.SerializeToNode(result.PairsMeasured, ReportFormat.Json),
                ["similarityOptions"] = new JsonObject
                {
                    ["samples"] = result.Options.Samples,
                    ["resamples"] = result.Options.Resamples,
                    ["seed"] = result.Options.Seed,
                    ["maxFeatures"] = result.Options.MaxFeatures,
                },
            },
        };
    }

    /// <summary>
    /// The study's similarity-by-generational-gap panel, one per DNA: for each measure, the mean over unrelated (random)
    /// pairs and the pooled mean (weighted by pairs) of related pairs 0, 1, 2 and 3 generations apart, as the verdict compares them.
    /// </summary>
    private static IEnumerable<ReportChart> GenerationalGapPanels(SimilarityResult result)
    {
        foreach (var dna in result.Rows.Where(r => r.N > 0).Select(r => r.Dna).Distinct())
        {
            var rows = result.Rows.Where(r => r.Dna == dna && r.N > 0 && r.Mean is not null).ToList();
            var gaps = rows.Where(r => r.GenerationsApart is not null).Select(r => r.GenerationsApart!.Value).Distinct().Order().ToList();
            if (gaps.Count == 0)
            {
                continue;
            }
            var measures = rows.Select(r => r.Measure).Distinct().ToList();
            var categories = new List<string> { "unrelated" };
            categories.AddRange(gaps.Select(g => g == 0 ? "0 apart (siblings)" : g == 1 ? "1 generation apart" : $"{g} generations apart"));
            yield return new BarChart($"similarity-{dna}-by-generations-apart", $"Genetic similarity by generations apart, {dna} DNA (pooled means)", "similarity", categories,
            [.. measures.Select(m =>
            {
                var random = rows.FirstOrDefault(r => r.Measure == m && r.Pattern == "random")?.Mean ?? 0;
                return new BarSeries(m, [random, .. gaps.Select(g =>
                {
                    var at = rows.Where(r => r.Measure == m && r.GenerationsApart == g).ToList();
                    return at.Sum(r => r.Mean!.Value * r.N) / at.Sum(r => r.N);
                })]);
            })]);
        }
    }

    private static string Cell(SimilarityRow row) => row.Mean is null
        ? $"– (0; {row.Skipped} skipped)"
        : $"{ReportFormat.Number(row.Mean)} [{ReportFormat.Number(row.CiLow)}, {ReportFormat.Number(row.CiHigh)}] ({(row.AllInstances ? "all " : "")}{row.N})";
}
