using System.Text.Json;
using Kinship.Lineage.Drift;
using Kinship.Lineage.Genealogy;
using Kinship.Lineage.Tests.Catalog;
using Kinship.Lineage.Traits;
using nietras.SeparatedValues;

namespace Kinship.Lineage.Tests.Drift;

/// <summary>
/// The real 67-model Mistral-Small-24B family: the production path (catalog import → genealogy loader → trait loader →
/// analyses) must equal a plain computation from the CSV written here, following the study's definitions directly.
/// </summary>
public sealed class MistralFamilyTests
{
    private const string FamilyCsv = "data/hub/mistral-small-24b-base-tree-2025-04-05.csv";

    private sealed record Model(string[] Licenses, string[] Languages, string? Task, string? Library, string? Card);

    private sealed record Edge(string Parent, string Child, string Relation);

    /// <summary>
    /// Models and parent→child edges straight from the CSV. Parents are the catalog's documented union: <c>base_model</c>
    /// tags (typed relation preferred) and the card metadata's <c>base_model</c> (relation <c>base_model_relation</c>, else
    /// unknown; a tag's relation wins). Edges need the parent in the family and not the child.
    /// </summary>
    private static (Dictionary<string, Model> Models, List<Edge> Edges) ReadIndependently(string path)
    {
        var models = new Dictionary<string, Model>(StringComparer.Ordinal);
        var declared = new List<(string Child, Dictionary<string, string> Parents)>();
        using (var reader = Sep.Reader(o => o with { Unescape = true }).FromFile(path))
        {
            foreach (var row in reader)
            {
                var id = row["model_id"].ToString();
                using var json = JsonDocument.Parse(row["metadata"].ToString());
                var root = json.RootElement;
                var tags = root.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!).ToArray();
                var parents = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var tag in tags.Where(t => t.StartsWith("base_model:", StringComparison.Ordinal)))
                {
                    var parts = tag.Split(':');
                    if (parts.Length == 3)
                    {
                        parents[parts[2]] = parts[1]; // typed wins over untyped
                    }
                    else if (parts.Length == 2)
                    {
                        parents.TryAdd(parts[1], "unknown");
                    }
                }
                foreach (var (cardParent, cardRelation) in CardBaseModels(Text(root, "card_data")))
                {
                    parents.TryAdd(cardParent, cardRelation);
                }
                declared.Add((id, parents));
                models[id] = new Model(
                    [.. tags.Where(t => t.StartsWith("license:", StringComparison.Ordinal)).Select(t => t["license:".Length..]).Distinct()],
                    [.. tags.Where(t => t.Length == 2 && t.All(char.IsAsciiLetterLower)).Distinct()],
                    Text(root, "pipeline_tag"),
                    Text(root, "library_name"),
                    Text(root, "card"));
            }
        }
        var edges = new List<Edge>();
        foreach (var (child, parents) in declared)
        {
            foreach (var (parent, relation) in parents)
            {
                if (models.ContainsKey(parent) && parent != child)
                {
                    edges.Add(new Edge(parent, child, relation));
                }
            }
        }
        return (models, edges);
    }

    /// <summary>The <c>base_model</c> ids of card YAML (a scalar or a block list) with the card's relation.</summary>
    private static IEnumerable<(string Parent, string Relation)> CardBaseModels(string? yaml)
    {
        if (yaml is null)
        {
            yield break;
        }
        var lines = yaml.Split('\n');
        var relation = lines.Where(l => l.StartsWith("base_model_relation:", StringComparison.Ordinal))
            .Select(l => l["base_model_relation:".Length..].Trim().Trim('"', '\'')).FirstOrDefault() ?? "unknown";
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("base_model:", StringComparison.Ordinal))
            {
                continue;
            }
            var scalar = lines[i]["base_model:".Length..].Trim().Trim('"', '\'');
            if (scalar.Length > 0)
            {
                yield return (scalar, relation);
                yield break;
            }
            for (var j = i + 1; j < lines.Length && lines[j].TrimStart().StartsWith("- ", StringComparison.Ordinal); j++)
            {
                yield return (lines[j].TrimStart()[2..].Trim().Trim('"', '\''), relation);
            }
            yield break;
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString()!.Length > 0 ? value.GetString() : null;

    private static (LineageGraph Graph, NodeTraits Traits) ReadThroughProduction(string path, TempCatalog catalog)
    {
        var results = catalog.Import(path);
        Assert.All(results, r => Assert.Equal(0, r.Rejected));
        var graph = GenealogyLoader.Load(catalog.Path_, TestContext.Current.CancellationToken).Snapshot.Graph;
        using var connection = GenealogyLoader.OpenReadOnly(catalog.Path_);
        return (graph, CatalogTraits.Load(connection, graph, cancellationToken: TestContext.Current.CancellationToken));
    }

    private static (long Edges, double Mutated) Mutation(IEnumerable<Edge> edges, Func<Model, string[]> trait, Dictionary<string, Model> models)
    {
        long n = 0;
        double sum = 0;
        foreach (var edge in edges)
        {
            var a = trait(models[edge.Parent]).ToHashSet();
            var b = trait(models[edge.Child]).ToHashSet();
            if (a.Count == 0 || b.Count == 0)
            {
                continue;
            }
            var union = a.Union(b).Count();
            var common = a.Intersect(b).Count();
            n++;
            sum += (double)(union - common) / union;
        }
        return (n, sum);
    }

    [Fact]
    public void Mutation_rates_equal_an_independent_computation()
    {
        var path = SharedData.RequireFile(FamilyCsv);
        var (models, edges) = ReadIndependently(path);
        using var catalog = new TempCatalog();
        var (graph, traits) = ReadThroughProduction(path, catalog);

        var result = MutationAnalysis.Analyze(graph, traits);

        Assert.Equal(67, graph.NodeCount);
        Assert.Equal(67, edges.Count); // 66 tag edges + ConicCat/MistralSmallV3R's card naming the base its tags omit
        Assert.Equal(edges.Count, graph.EdgeCount);
        var traitsByName = new (TraitMutation Actual, Func<Model, string[]> Trait)[]
        {
            (result.License, m => m.Licenses),
            (result.Language, m => m.Languages),
            (result.Task, m => m.Task is null ? [] : [m.Task]),
            (result.Library, m => m.Library is null ? [] : [m.Library]),
        };
        foreach (var (actual, trait) in traitsByName)
        {
            var (n, mutated) = Mutation(edges, trait, models);
            Assert.Equal(n, actual.Edges);
            Assert.Equal(mutated, actual.Mutated, 9);
            foreach (var group in edges.GroupBy(e => e.Relation))
            {
                var (rn, rm) = Mutation(group, trait, models);
                Assert.Equal(rn, actual.ByRelation[group.Key].Edges);
                Assert.Equal(rm, actual.ByRelation[group.Key].Mutated, 9);
            }
            Assert.Equal(edges.Select(e => e.Relation).Distinct().Order(StringComparer.Ordinal), actual.ByRelation.Keys.Order(StringComparer.Ordinal));
        }
        // The family as crawled on 2025-04-05, pinned: 63 edges with licenses on both ends, 5 of them relicensed.
        Assert.Equal((63, 5.0), (result.License.Edges, result.License.Mutated));
    }

    [Fact]
    public void License_transitions_equal_an_independent_computation()
    {
        var path = SharedData.RequireFile(FamilyCsv);
        var (models, edges) = ReadIndependently(path);
        using var catalog = new TempCatalog();
        var (graph, traits) = ReadThroughProduction(path, catalog);

        var expected = new Dictionary<(string, string), long>();
        foreach (var edge in edges)
        {
            var a = models[edge.Parent].Licenses;
            var b = models[edge.Child].Licenses;
            foreach (var added in b.Except(a))
            {
                foreach (var p in a)
                {
                    expected[(p, added)] = expected.GetValueOrDefault((p, added)) + 1;
                }
            }
            foreach (var dropped in a.Except(b))
            {
                foreach (var c in b)
                {
                    expected[(dropped, c)] = expected.GetValueOrDefault((dropped, c)) + 1;
                }
            }
        }
        var counts = TransitionCounts.Count(graph, traits.Licenses);
        var actual = counts.Pairs().ToDictionary(p => (counts.Column.Vocabulary[p.From], counts.Column.Vocabulary[p.To]), p => p.Count);

        Assert.Equal(expected.OrderBy(kv => kv.Key), actual.OrderBy(kv => kv.Key));
        Assert.Equal(8, actual[("apache-2.0", "mit")]);
        Assert.Equal(2, actual[("apache-2.0", "other")]);
    }

    [Fact]
    public void Documentation_drift_equals_an_independent_computation()
    {
        var path = SharedData.RequireFile(FamilyCsv);
        var (models, edges) = ReadIndependently(path);
        using var catalog = new TempCatalog();
        var (graph, traits) = ReadThroughProduction(path, catalog);

        var result = DocumentationDrift.Analyze(graph, traits);

        foreach (var (group, actual) in edges.GroupBy(e => e.Relation).Select(g => (g.ToList(), result.ByRelation[g.Key])).Append((edges, result.Overall)))
        {
            var withCard = group.Where(e => models[e.Parent].Card is not null && models[e.Child].Card is not null).ToList();
            Assert.Equal(withCard.Count, actual.CardLength.Edges);
            var bothLanguages = group.Where(e => models[e.Parent].Languages.Length > 0 && models[e.Child].Languages.Length > 0).ToList();
            Assert.Equal(bothLanguages.Count, actual.Languages.Edges);
            Assert.Equal(MeanOrNull(bothLanguages, e => models[e.Parent].Languages.Length), actual.Languages.Parent);
            Assert.Equal(MeanOrNull(bothLanguages, e => models[e.Child].Languages.Length), actual.Languages.Child);
            Assert.Equal(group.Average(e => (double)models[e.Parent].Languages.Length), actual.LanguagesAllEdges.Parent!.Value, 9);
            Assert.Equal(group.Average(e => (double)models[e.Child].Languages.Length), actual.LanguagesAllEdges.Child!.Value, 9);
            Assert.Equal(group.Average(e => models[e.Parent].Card is null ? 0.0 : 1.0), actual.HasCard.Parent!.Value, 9);
            Assert.Equal(group.Average(e => models[e.Child].Card is null ? 0.0 : 1.0), actual.HasCard.Child!.Value, 9);
        }
    }

    private static double? MeanOrNull(List<Edge> edges, Func<Edge, int> value) =>
        edges.Count == 0 ? null : edges.Sum(value) / (double)edges.Count;

    [Fact]
    public void Family_two_letter_tags_are_the_iso_languages_plus_one_non_code()
    {
        var path = SharedData.RequireFile(FamilyCsv);
        var (models, _) = ReadIndependently(path);

        var tags = models.Values.SelectMany(m => m.Languages).Distinct().Order(StringComparer.Ordinal).ToArray();

        // "r1" is not two letters; every other two-letter tag is an ISO 639-1 code the trait table names.
        Assert.Equal(["de", "en", "es", "fr", "it", "ja", "ko", "pt", "ru", "sw", "vi", "zh"], tags);
        Assert.All(tags, t => Assert.True(LanguageNames.IsCode(t)));
    }
}
