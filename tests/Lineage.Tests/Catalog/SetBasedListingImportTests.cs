using Kinship.Lineage.Catalog;
using Kinship.Lineage.Simulation;

namespace Kinship.Lineage.Tests.Catalog;

/// <summary>
/// The set-based JSON Lines import (ListingStaging) must land exactly what the record parser and appender land: every
/// column of every model and parent row, the counts, and every reject with its line and reason.
/// </summary>
public sealed class SetBasedListingImportTests
{
    private const string AllModels = "SELECT id, author, created_at, last_modified, downloads, likes, trending_score, task, library, tags, licenses, languages, other_languages, datasets, arxiv_ids, gated, private, parent_disagreements, card, raw_json FROM models ORDER BY id";
    private const string AllParents = "SELECT child, parent, relation, source FROM parents ORDER BY child, parent";

    [Theory]
    [InlineData(ListingShape.Listing, false)]
    [InlineData(ListingShape.Full, true)]
    public void A_simulated_hub_lands_the_same_as_through_the_record_parser(ListingShape shape, bool cards)
    {
        using var folder = new TempCatalog();
        var file = folder.File("hub.jsonl");
        EcosystemSimulator.WriteFile(new SimulationOptions { Models = 3000, Seed = 7, Shape = shape, Cards = cards }, file, cancellationToken: TestContext.Current.CancellationToken);

        var (setBased, reference) = ImportBothWays(folder, file);

        Assert.Equal(3000, setBased.Models.Count);
        Assert.True(setBased.Parents.Count > 500);
        Assert.Equal(reference, setBased);
    }

    [Fact]
    public void Edge_cases_of_the_tag_grammar_and_field_shapes_land_the_same_as_through_the_record_parser()
    {
        using var folder = new TempCatalog();
        string[] lines =
        [
            """{"id":"a/one","tags":["EN","fr","eng","Multilingual","xx","zzz","en","license:mit","license:mit","license:","dataset:squad","arxiv:1234.5","arxiv:1234.5"]}""",
            """{"id":"a/two","tags":["base_model:x/p","base_model:finetune:x/p","base_model:adapter:x/q","base_model:Merged:x/q","base_model:unknown:x/r","base_model::x/s","base_model:","base_model:bogus:x/t","base_model:quantization:x/u"]}""",
            """{"id":"bare","author":null,"createdAt":"","lastModified":null,"downloads":null,"likes":0,"trendingScore":1.5,"gated":"manual","private":null,"tags":null}""",
            """{"id":"a/three","author":"someone","created_at":"2022-03-02T23:29:04.123456Z","last_modified":"2024-01-01T00:00:00Z","trending_score":-3,"gated":false,"private":true,"pipeline_tag":"text-generation","library_name":"peft"}""",
            """{"id":"a/four","createdAt":"2022-02-30T00:00:00.000Z"}""",
            """{"id":"a/five","createdAt":"2022-03-02 23:29:04+00:00","downloads":5.0}""",
            """{"id":"a/six","tags":["has space"],"config":{"deep":[1,2,{"x":3e5}]}}""",
            """{"id":"a/seven","downloads":-1}""",
            """{"id":"a/eight","CreatedAt":"2022-03-02T23:29:04.000Z","modelId":"a/eight"}""",
            """{"id":"a/nine","tags":["a"],"tags":["b"]}""",
            """{"modelId":"a/ten"}""",
            """{"id":"a/one","likes":3,"tags":["base_model:x/p"]}""",
            """{"id":"a/eleven","cardData":{"license":"apache-2.0","base_model":"x/p"},"tags":["base_model:x/z"]}""",
            """{"id":"a/twelve","trendingScore":1e400}""",
            """{"id":"a/café","tags":["é"]}""",
            "",
            """  {"id":"a/thirteen"}""",
            """{"id":"a/fourteen","downloads":"5"}""",
        ];
        var file = folder.Write("edge.jsonl", string.Join("\n", lines) + "\n");

        var (setBased, reference) = ImportBothWays(folder, file);

        Assert.Equal(reference, setBased);
        Assert.Equal(
            ["5: createdAt is not a date: '2022-02-30T00:00:00.000Z'", "8: downloads is negative (-1)", "14: trendingScore is not a finite number (out of range)", "18: downloads is not a whole number (a string)"],
            setBased.Rejects);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Progress_reports_the_bytes_read_up_to_the_whole_file(bool setBased)
    {
        using var catalog = new TempCatalog();
        var lines = Enumerable.Range(0, ListingStaging.ChunkLines + 40_000).Select(i => $"{{\"id\":\"m/{i}\",\"tags\":[\"en\"]}}");
        var file = catalog.Write("many.jsonl", string.Join("\n", lines) + "\n");
        var reports = new List<ImportProgress>();

        var result = new CatalogImporter(catalog.Path_) { SetBasedListings = setBased }
            .Import([new ImportSource(file)], progress: new Collect(reports), cancellationToken: TestContext.Current.CancellationToken).Single();

        var size = new FileInfo(file).Length;
        var reading = reports.Where(r => r.Stage == "reading").ToList();
        Assert.Contains(reading, r => r.Bytes > 0 && r.Bytes < size);
        Assert.Equal(reading.Select(r => r.Bytes).Order(), reading.Select(r => r.Bytes));
        Assert.All(reports, r => Assert.Equal(size, r.TotalBytes));
        Assert.Equal(100.0, reports[^1].Percent);
        Assert.Equal("done", reports[^1].Stage);
        Assert.Equal(ListingStaging.ChunkLines + 40_000, result.Imported);
        Assert.Equal(ListingStaging.ChunkLines + 40_000, catalog.Scalar("SELECT count(*) FROM models WHERE languages = ['en']"));
    }

    private sealed class Collect(List<ImportProgress> reports) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => reports.Add(value);
    }

    private static (Landed SetBased, Landed Reference) ImportBothWays(TempCatalog folder, string file)
    {
        using var reference = new TempCatalog();
        return (Land(folder, file, setBasedListings: true), Land(reference, file, setBasedListings: false));
    }

    private static Landed Land(TempCatalog rows, string file, bool setBasedListings)
    {
        var rejects = new List<ImportReject>();
        var result = new CatalogImporter(rows.Path_) { SetBasedListings = setBasedListings }.Import([new ImportSource(file)], rejects.Add).Single();
        return new Landed(
            $"{result.Read}/{result.Imported}/{result.Replaced}/{result.Rejected}",
            rows.Rows(AllModels),
            rows.Rows(AllParents),
            rejects.Select(r => $"{r.Line}: {r.Reason}").ToList());
    }

    private sealed record Landed(string Counts, List<string> Models, List<string> Parents, List<string> Rejects)
    {
        public bool Equals(Landed? other) => other is not null && Counts == other.Counts && Models.SequenceEqual(other.Models)
            && Parents.SequenceEqual(other.Parents) && Rejects.SequenceEqual(other.Rejects);

        public override int GetHashCode() => Counts.GetHashCode(StringComparison.Ordinal);

        public override string ToString() => $"{Counts}\n{string.Join("\n", Models)}\n--\n{string.Join("\n", Parents)}\n--\n{string.Join("\n", Rejects)}";
    }
}
