using System.Text.Json;
using System.Text.RegularExpressions;
using Kinship.Lineage.Genealogy;
using Kinship.Lineage.Reporting;
using Kinship.Lineage.Similarity;

namespace Kinship.Lineage.Tests.Reporting;

public sealed partial class ReportWriterTests
{
    private static async Task<(ReportFiles Files, TestCatalog Catalog)> WriteReportAsync()
    {
        var catalog = new TestCatalog();
        using var snapshot = CatalogSnapshot.Open(catalog.Path);
        var model = LineageAnalysis.Run(snapshot.Genealogy, snapshot.Traits, snapshot, new AnalyzeOptions
        {
            Variant = GraphVariant.NoMerge,
            Similarity = new SimilarityOptions { Samples = 200, Resamples = 100, Seed = 3, Threads = 2 },
            Now = new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero),
        }, cancellationToken: TestContext.Current.CancellationToken);
        var files = await ReportWriter.WriteAsync(model, Path.Combine(catalog.Directory, "out"), TestContext.Current.CancellationToken);
        return (files, catalog);
    }

    [Fact]
    public async Task Results_json_has_every_section_and_the_similarity_rows()
    {
        var (files, catalog) = await WriteReportAsync();
        using var owned = catalog;
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(files.Json, TestContext.Current.CancellationToken));
        var root = json.RootElement;
        foreach (var key in new[] { "similarity", "mutation", "drift", "documentation", "compliance", "headline", "families" })
        {
            Assert.True(root.TryGetProperty(key, out _), $"results.json lacks '{key}'");
        }
        var rows = root.GetProperty("similarity").EnumerateArray().ToList();
        Assert.Equal(144, rows.Count);
        var first = rows[0];
        foreach (var field in new[] { "dna", "measure", "pattern", "pair", "generationsApart", "n", "mean", "ciLow", "ciHigh" })
        {
            Assert.True(first.TryGetProperty(field, out _), $"similarity row lacks '{field}'");
        }
        // Headline: 9 models; licenses as a share of all models: mit on 4 of 9.
        var licenses = root.GetProperty("headline").GetProperty("licenses");
        Assert.Equal(9, licenses.GetProperty("denominator").GetInt64());
        var mit = licenses.GetProperty("top").EnumerateArray().First();
        Assert.Equal("mit", mit.GetProperty("value").GetString());
        Assert.Equal(4, mit.GetProperty("count").GetInt64());
        // Languages: 8 models declare one; en on 6.
        var languages = root.GetProperty("headline").GetProperty("languages");
        Assert.Equal(8, languages.GetProperty("denominator").GetInt64());
        Assert.Equal(0.75, languages.GetProperty("top")[0].GetProperty("share").GetDouble(), 12);
        // Families in the no-merge graph: {base, chat×3, math×2, gguf} plus two lone models; the ghost parent is no model.
        var families = root.GetProperty("families");
        Assert.Equal(3, families.GetProperty("families").GetInt32());
        Assert.Equal("org/base", families.GetProperty("largestFamilies")[0].GetProperty("root").GetString());
        Assert.Equal(7, families.GetProperty("largestFamilies")[0].GetProperty("size").GetInt32());
        // Every analysis section is computed: mutation of licenses over the 6 edges whose parent and child both declare one.
        Assert.Equal(6, root.GetProperty("mutation").GetProperty("license").GetProperty("edges").GetInt64());
        Assert.Equal(JsonValueKind.Array, root.GetProperty("drift").GetProperty("license").GetProperty("ordering").ValueKind);
        Assert.Equal(JsonValueKind.Object, root.GetProperty("documentation").GetProperty("overall").ValueKind);
        Assert.Equal(JsonValueKind.Object, root.GetProperty("compliance").GetProperty("overall").ValueKind);
    }

    [Fact]
    public async Task Html_is_one_self_contained_page_with_inline_charts()
    {
        var (files, catalog) = await WriteReportAsync();
        using var owned = catalog;
        var html = await File.ReadAllTextAsync(files.Html, TestContext.Current.CancellationToken);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.Contains("Genetic similarity", html, StringComparison.Ordinal);
        // No external resource: every src/href is a fragment or a data: URI.
        Assert.Empty(ExternalReference().Matches(html));
        Assert.DoesNotContain("<script src", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Every_chart_is_written_as_png_and_svg_and_markdown_carries_the_same_numbers()
    {
        var (files, catalog) = await WriteReportAsync();
        using var owned = catalog;
        var pngs = files.Charts.Where(c => c.EndsWith(".png", StringComparison.Ordinal)).ToList();
        // 2 DNA kinds × 3 measures, plus one generational-gap panel per DNA kind.
        Assert.Equal(8, pngs.Count(p => Path.GetFileName(p).StartsWith("similarity-", StringComparison.Ordinal)));
        foreach (var name in new[] { "similarity-metadata-by-generations-apart", "similarity-card-by-generations-apart", "families-size-distribution", "families-generation-depth", "mutation-rates", "documentation-card-length", "documentation-auto-generated", "compliance-share", "drift-license" })
        {
            Assert.Contains(pngs, p => Path.GetFileNameWithoutExtension(p) == name);
        }
        foreach (var png in pngs)
        {
            var bytes = await File.ReadAllBytesAsync(png, TestContext.Current.CancellationToken);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
            var svg = await File.ReadAllTextAsync(Path.ChangeExtension(png, ".svg"), TestContext.Current.CancellationToken);
            Assert.Contains("<svg", svg, StringComparison.Ordinal);
            Assert.EndsWith("</svg>", svg.TrimEnd(), StringComparison.Ordinal);
        }
        var markdown = await File.ReadAllTextAsync(files.Markdown, TestContext.Current.CancellationToken);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(files.Json, TestContext.Current.CancellationToken));
        var edge = json.RootElement.GetProperty("similarity").EnumerateArray()
            .First(r => r.GetProperty("dna").GetString() == "metadata" && r.GetProperty("measure").GetString() == "tfidf" && r.GetProperty("pattern").GetString() == "edge");
        Assert.Contains(edge.GetProperty("mean").GetDouble().ToString("0.000", System.Globalization.CultureInfo.InvariantCulture), markdown, StringComparison.Ordinal);
        Assert.Contains("| apache-2.0 | 3 | 33.33% |", markdown, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(files.Json)!, "*.tmp", SearchOption.AllDirectories));
    }

    [GeneratedRegex("""(?:src|href)\s*=\s*["'](?!#|data:)""", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();
}
