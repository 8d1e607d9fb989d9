using System.Diagnostics;
using System.Text.Json;
using Kinship.Lineage.Cli.Commands;
using Kinship.Lineage.Hub;
using Kinship.Lineage.Similarity;
using Spectre.Console.Cli.Testing;

namespace Kinship.Lineage.Tests.Reporting;

/// <summary>`lineage import` then `lineage analyze` on the real files in ../shared, as a user runs them.</summary>
public sealed class RealDataAnalyzeTests
{
    private static CommandAppTester App()
    {
        var app = new CommandAppTester();
        app.Configure(config =>
        {
            config.Settings.StrictParsing = true;
            config.AddCommand<ImportCommand>("import");
            config.AddCommand<AnalyzeCommand>("analyze");
        });
        return app;
    }

    private static async Task<(JsonDocument Results, string Markdown, string Output, TimeSpan Analyze)> ImportAndAnalyze(string folder, params string[] inputs)
    {
        var catalog = Path.Combine(folder, "lineage.duckdb");
        var import = await App().RunAsync(["import", .. inputs, "--catalog", catalog], TestContext.Current.CancellationToken);
        Assert.True(import.ExitCode == 0, import.Output);
        var clock = Stopwatch.StartNew();
        var report = Path.Combine(folder, "report");
        var analyze = await App().RunAsync(["analyze", "--catalog", catalog, "--out", report], TestContext.Current.CancellationToken);
        var elapsed = clock.Elapsed;
        Assert.True(analyze.ExitCode == 0, analyze.Output);
        return (JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(report, "results.json"), TestContext.Current.CancellationToken)),
            await File.ReadAllTextAsync(Path.Combine(report, "report.md"), TestContext.Current.CancellationToken), analyze.Output, elapsed);
    }

    private static JsonElement Row(JsonDocument results, string pattern, string code, string measure = "levenshtein", string dna = "metadata") =>
        results.RootElement.GetProperty("similarity").EnumerateArray().Single(r => r.GetProperty("dna").GetString() == dna
            && r.GetProperty("measure").GetString() == measure && r.GetProperty("pattern").GetString() == pattern
            && r.GetProperty("pair").GetString()!.StartsWith(code + " ", StringComparison.Ordinal));

    private static IEnumerable<string> NotMeasured(JsonDocument results) =>
        results.RootElement.GetProperty("notMeasured").EnumerateArray().Select(n => n.GetProperty("analysis").GetString()!);

    /// <summary>The exact mean normalized Levenshtein similarity over every pair of the file's records' default DNA (the random pattern, enumerated).</summary>
    private static double MeanOverAllPairs(string path)
    {
        // the default metadata DNA is the study's Python repr of the record (docs/formats-similarity.md)
        var texts = ModelSource.Read(path, ModelSource.ResolveFormat(path, null)).Select(i => DnaDocuments.MetadataDna(i.Record!.RawJson, DnaFormat.PythonRepr)!).ToArray();
        var pairs = (from i in Enumerable.Range(0, texts.Length) from j in Enumerable.Range(i + 1, texts.Length - i - 1) select (i, j)).ToArray();
        var values = new double[pairs.Length];
        Parallel.For(0, pairs.Length, k => values[k] = SimilarityMeasures.NormalizedLevenshtein(texts[pairs[k].i], texts[pairs[k].j]));
        return values.Average();
    }

    [Fact]
    public async Task The_67_model_mistral_family_is_measured_exactly_on_every_instance_within_seconds()
    {
        var csv = SharedData.RequireFile("data/hub/mistral-small-24b-base-tree-2025-04-05.csv");
        using var folder = new TempFolder();
        var (results, markdown, output, elapsed) = await ImportAndAnalyze(folder.Path, csv);
        // 67 models, one tree: C(67,2) = 2,211 random pairs, 66 edges; every pattern has at most 5,000 instances.
        var multiplicities = results.RootElement.GetProperty("similarityMultiplicities");
        Assert.Equal(2_211, multiplicities.GetProperty("random").GetInt64());
        Assert.Equal(66, multiplicities.GetProperty("edge").GetInt64());
        Assert.Equal(2_211, results.RootElement.GetProperty("similarityPairsMeasured").GetProperty("metadata").GetInt64());
        Assert.All(results.RootElement.GetProperty("similarity").EnumerateArray().Where(r => r.GetProperty("dna").GetString() == "metadata"),
            r => Assert.True(r.GetProperty("allInstances").GetBoolean()));
        var random = Row(results, "random", "c1");
        Assert.Equal(2_211, random.GetProperty("n").GetInt32());
        Assert.Equal(MeanOverAllPairs(csv), random.GetProperty("mean").GetDouble(), 12);
        Assert.Equal(66, Row(results, "edge", "c1").GetProperty("n").GetInt32());
        // The file has no cards: said once, and no card pair is counted in the progress.
        Assert.Contains("similarity card DNA", NotMeasured(results));
        Assert.DoesNotContain("measuring card pairs", output, StringComparison.Ordinal);
        Assert.Contains("(all 2211)", markdown, StringComparison.Ordinal);
        Assert.True(elapsed < TimeSpan.FromSeconds(120), $"analyze took {elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task The_deephermes_family_analyzes_end_to_end_and_names_its_missing_patterns()
    {
        var json = SharedData.RequireFile("data/hub/deephermes-3-mistral-24b-tree.json");
        using var folder = new TempFolder();
        var (results, markdown, _, _) = await ImportAndAnalyze(folder.Path, json);
        var multiplicities = results.RootElement.GetProperty("similarityMultiplicities");
        Assert.Equal(10, multiplicities.GetProperty("random").GetInt64()); // 5 models
        Assert.Equal(4, multiplicities.GetProperty("edge").GetInt64());
        Assert.Equal(0, multiplicities.GetProperty("fork").GetInt64());
        Assert.Equal(MeanOverAllPairs(json), Row(results, "random", "c1").GetProperty("mean").GetDouble(), 12);
        Assert.Contains("similarity pattern fork", NotMeasured(results));
        Assert.Contains("similarity pattern chain4", NotMeasured(results));
        Assert.DoesNotContain("fork", results.RootElement.GetProperty("similarity").EnumerateArray()
            .Where(r => r.GetProperty("n").GetInt32() > 0).Select(r => r.GetProperty("pattern").GetString()));
        Assert.Contains("Not measured, similarity pattern fork: the graph has no fork instance.", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Weekly_csvs_without_traits_or_dna_report_what_was_not_measured_instead_of_empty_tables()
    {
        var weeks = Directory.GetFiles(Path.GetDirectoryName(SharedData.RequireFile("data/hub/added-models/added_model_0319.csv"))!, "added_model_*.csv").Order(StringComparer.Ordinal).Take(3).ToArray();
        Assert.Equal(3, weeks.Length);
        using var folder = new TempFolder();
        var (results, markdown, output, _) = await ImportAndAnalyze(folder.Path, weeks);
        var notMeasured = results.RootElement.GetProperty("notMeasured").EnumerateArray().ToDictionary(n => n.GetProperty("analysis").GetString()!);
        var license = notMeasured["headline licenses"];
        Assert.Equal("no model in the catalog declares a license", license.GetProperty("reason").GetString());
        Assert.Equal(0, license.GetProperty("counts").GetProperty("declaring").GetInt64());
        Assert.Equal(results.RootElement.GetProperty("headline").GetProperty("models").GetInt64(), license.GetProperty("counts").GetProperty("models").GetInt64());
        foreach (var analysis in new[]
        {
            "headline tasks", "headline languages", "headline libraries", "similarity metadata DNA", "similarity card DNA",
            "mutation license", "drift license", "documentation card length", "documentation has a card", "compliance",
        })
        {
            Assert.True(notMeasured.ContainsKey(analysis), $"{analysis} is not in notMeasured: {string.Join(", ", notMeasured.Keys)}");
        }
        Assert.Equal(0, notMeasured["similarity metadata DNA"].GetProperty("counts").GetProperty("pairsMeasured").GetInt64());
        Assert.Contains("Not measured, compliance: no model in the catalog declares a license.", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("n/a", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("(none)", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("0.000 → 0.000", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("measuring metadata pairs", output, StringComparison.Ordinal);
        Assert.DoesNotContain("measuring card pairs", output, StringComparison.Ordinal);
    }
}
