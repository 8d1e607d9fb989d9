using Kinship.Lineage.Catalog;
using Kinship.Lineage.Hub;
using Kinship.Lineage.Tests.Hub;

namespace Kinship.Lineage.Tests.Catalog;

public sealed class CatalogImporterTests
{
    private const string AllModels = "SELECT id, author, created_at, last_modified, downloads, likes, trending_score, task, library, tags, licenses, languages, other_languages, datasets, arxiv_ids, gated, private, parent_disagreements, card, raw_json, source FROM models ORDER BY id";
    private const string AllParents = "SELECT child, parent, relation, source FROM parents ORDER BY child, parent";

    [Fact]
    public void Every_fixture_format_lands_with_exact_counts()
    {
        using var catalog = new TempCatalog();
        var rejects = new List<ImportReject>();

        var results = catalog.Import(rejects, Fixture.Path("listing-page.json"), Fixture.Path("study.csv"), Fixture.Path("weekly.csv"), Fixture.Path("listing-bad.jsonl"));

        Assert.Equal(
            ["listing 4/4/0/0", "study-csv 4/3/0/1", "weekly-csv 9/7/1/2", "listing 10/2/0/8"],
            results.Select(r => $"{r.Format.Name()} {r.Read}/{r.Imported}/{r.Replaced}/{r.Rejected}"));
        Assert.Equal(4 + 3 + 6 + 2, catalog.Scalar("SELECT count(*) FROM models"));
        Assert.Equal(11, rejects.Count);
        Assert.Equal(4, catalog.Scalar("SELECT count(*) FROM imports"));
        Assert.Equal(
            [
                "acme/llama-3.1-8b-chat|acme/llama-3.1-8b-sft|unknown|card",
                "acme/llama-3.1-8b-chat|meta-llama/Llama-3.1-8B|finetune|tags,card",
                "acme/llama-lora|acme/llama-3.1-8b-chat|adapter|table",
                "acme/llama-merge|acme/llama-3.1-8b-chat|merge|tags,card",
                "acme/llama-merge|meta-llama/Llama-3.1-8B|merge|tags,card",
            ],
            catalog.Rows("SELECT child, parent, relation, source FROM parents WHERE child LIKE 'acme/%' ORDER BY child, parent"));
    }

    [Fact]
    public void Rejects_are_reported_as_file_line_reason_and_good_rows_still_land()
    {
        using var catalog = new TempCatalog();
        var rejects = new List<ImportReject>();
        var path = Fixture.Path("listing-bad.jsonl");

        catalog.Import(rejects, path);

        Assert.Equal(
            [
                $"{path}:3: bad JSON: Expected depth to be zero at the end of the JSON payload",
                $"{path}:4: not a JSON object",
                $"{path}:5: missing id",
                $"{path}:6: empty id",
                $"{path}:7: id is not a string (a number)",
                $"{path}:8: tags is not a list (a string)",
                $"{path}:9: downloads is not a whole number (a string)",
                $"{path}:12: invalid UTF-8",
            ],
            rejects.Select(r => r.ToString()));
        Assert.Equal(["org/good-one", "org/good-two"], catalog.Rows("SELECT id FROM models ORDER BY id"));
        Assert.Equal(["listing|10|2|0|8"], catalog.Rows("SELECT format, read, imported, replaced, rejected FROM imports"));
    }

    [Fact]
    public void Importing_the_same_file_again_changes_nothing()
    {
        var path = SharedData.RequireFile("data/hub/mistral-small-24b-base-tree-2025-04-05.csv");
        using var catalog = new TempCatalog();
        catalog.Import(path, Fixture.Path("listing-page.json"));
        var models = catalog.Rows(AllModels);
        var parents = catalog.Rows(AllParents);

        var again = catalog.Import(path, Fixture.Path("listing-page.json"));

        Assert.Equal(models, catalog.Rows(AllModels));
        Assert.Equal(parents, catalog.Rows(AllParents));
        Assert.Equal(71, models.Count);
        Assert.Equal(67 + 5, parents.Count);
        Assert.Equal([67L, 4L], again.Select(r => r.Replaced));
    }

    [Fact]
    public void A_later_record_replaces_the_earlier_one_and_its_parents()
    {
        using var catalog = new TempCatalog();
        var first = catalog.Write("first.jsonl", """
            {"id": "o/child", "downloads": 1, "tags": ["base_model:o/a", "base_model:finetune:o/a", "license:mit"]}
            {"id": "o/other", "tags": ["base_model:o/a"]}
            """);
        var second = catalog.Write("second.csv", "Model ID,Type,Base Model\no/child,merge,\"o/b, o/c\"\n");

        var results = catalog.Import(first, second);

        Assert.Equal([0L, 1L], results.Select(r => r.Replaced));
        Assert.Equal(["o/child|merge|o/b;o/c|null|", "o/other|unknown|o/a|null|"],
            catalog.Rows("SELECT m.id, min(p.relation), list(p.parent ORDER BY p.parent), m.downloads, array_to_string(m.licenses, ',') FROM models m JOIN parents p ON p.child = m.id GROUP BY ALL ORDER BY m.id"));
    }

    [Fact]
    public void A_source_that_fails_midway_leaves_the_catalog_as_it_was()
    {
        using var catalog = new TempCatalog();
        catalog.Import(Fixture.Path("weekly.csv"));
        var models = catalog.Rows(AllModels);
        var parents = catalog.Rows(AllParents);
        using var cancel = new CancellationTokenSource();
        // the bad lines come after good ones: cancelling at the first reject stops the source midway
        var sources = new[] { new ImportSource(Fixture.Path("listing-bad.jsonl")) };

        Assert.ThrowsAny<OperationCanceledException>(() =>
            new CatalogImporter(catalog.Path_).Import(sources, _ => cancel.Cancel(), null, cancel.Token));

        Assert.Equal(models, catalog.Rows(AllModels));
        Assert.Equal(parents, catalog.Rows(AllParents));
        Assert.Equal(1, catalog.Scalar("SELECT count(*) FROM imports"));
    }

    [Fact]
    public void A_source_of_no_known_format_imports_nothing_at_all()
    {
        using var catalog = new TempCatalog();
        var unknown = catalog.Write("notes.txt", "just some notes\n");

        var error = Assert.Throws<UnknownFormatException>(() => catalog.Import(Fixture.Path("weekly.csv"), unknown));

        Assert.StartsWith(unknown + ": no known input format", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(catalog.Path_));
    }

    [Fact]
    public async Task Hub_stats_parquet_imports_into_the_catalog()
    {
        using var catalog = new TempCatalog();
        var path = await ReaderTests.WriteHubStatsParquet(catalog.File("models.parquet"));

        var result = Assert.Single(catalog.Import(path));

        Assert.Equal("hub-stats-parquet 4/3/0/1", $"{result.Format.Name()} {result.Read}/{result.Imported}/{result.Replaced}/{result.Rejected}");
        Assert.Equal(["x/merge|Qwen/Qwen2.5-7B|merge|tags,table", "x/merge|y/other|merge|table", "z/quant|Qwen/Qwen2.5-7B|quantized|table"], catalog.Rows(AllParents));
    }
}
