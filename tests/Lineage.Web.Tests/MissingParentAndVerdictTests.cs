using System.Text.Json;
using Kinship.Lineage.Catalog;

namespace Kinship.Lineage.Web.Tests;

/// <summary>Declared parents absent from the catalog, and an edge that breaks license rules, through the real importer and server.</summary>
public sealed class MissingParentAndVerdictTests
{
    [Fact(Timeout = 60_000)]
    public async Task A_missing_parent_is_shown_as_such_and_a_relabelled_quantization_gets_its_rule_reasons()
    {
        var folder = Path.Combine(Path.GetTempPath(), "kinship-serve-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var source = Path.Combine(folder, "hub.jsonl");
            await File.WriteAllTextAsync(source, """
                {"id": "meta/llama", "downloads": 10, "tags": ["license:llama3"]}
                {"id": "someone/llama-q4", "downloads": 3, "tags": ["base_model:meta/llama", "base_model:quantized:meta/llama", "base_model:ghost/deleted-model", "license:mit"]}
                """, TestContext.Current.CancellationToken);
            var catalogPath = Path.Combine(folder, "lineage.duckdb");
            new CatalogImporter(catalogPath).Import([new ImportSource(source)], cancellationToken: TestContext.Current.CancellationToken);
            await using var server = await ExplorerServer.StartAsync(ExplorerCatalog.Open(catalogPath, TestContext.Current.CancellationToken), new ExplorerOptions(Port: 0), TestContext.Current.CancellationToken);
            using var http = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(30) };

            var model = JsonDocument.Parse(await http.GetStringAsync("api/model/someone/llama-q4", TestContext.Current.CancellationToken)).RootElement;
            var parents = model.GetProperty("parents").EnumerateArray().ToArray();
            Assert.Equal(["ghost/deleted-model|False|unknown", "meta/llama|True|violation"],
                parents.Select(p => $"{p.GetProperty("id").GetString()}|{p.GetProperty("inCatalog").GetBoolean()}|{p.GetProperty("verdict").GetProperty("status").GetString()}"));
            var rules = parents[1].GetProperty("verdict").GetProperty("rules").EnumerateArray().ToArray();
            Assert.Equal(["commercial-terms|high|llama3", "derivative-inherits|low|llama3"],
                rules.Select(r => $"{r.GetProperty("rule").GetString()}|{r.GetProperty("severity").GetString()}|{r.GetProperty("license").GetString()}"));
            Assert.All(rules, r => Assert.False(string.IsNullOrWhiteSpace(r.GetProperty("reason").GetString())));
            Assert.Equal("quantized", parents[1].GetProperty("relation").GetString());

            var tree = JsonDocument.Parse(await http.GetStringAsync("api/tree/someone/llama-q4?up=5&down=0", TestContext.Current.CancellationToken)).RootElement;
            var lines = tree.GetProperty("ancestors").GetProperty("lines").EnumerateArray().ToArray();
            Assert.Equal(["ghost/deleted-model|False", "meta/llama|True"],
                lines.Select(l => $"{l.GetProperty("node").GetProperty("id").GetString()}|{l.GetProperty("node").GetProperty("inCatalog").GetBoolean()}"));
            Assert.Equal("violation", lines[1].GetProperty("verdict").GetProperty("status").GetString());

            using var response = await http.GetAsync("api/model/ghost/deleted-model", TestContext.Current.CancellationToken);
            Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
            var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
            Assert.Equal("model 'ghost/deleted-model' is not in the catalog; 1 models declare it as a parent", error.GetProperty("error").GetString());
            Assert.Equal(1, error.GetProperty("declaredBy").GetInt32());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
