using Kinship.Lineage.Catalog;
using Kinship.Lineage.Hub;
using Kinship.Lineage.Simulation;

namespace Kinship.Lineage.Tests.Catalog;

/// <summary>
/// The importer writes rows through its own <see cref="ChunkAppender"/> (DuckDB's C API data chunks). It must land exactly
/// what DuckDB.NET's own Appender lands for the same records: every column of every model and parent row. The reference
/// here parses with the same readers and appends with DuckDB.NET's row API, so only the writing differs.
/// </summary>
public sealed class ChunkAppenderTests
{
    private const string AllModels = "SELECT id, author, created_at, last_modified, downloads, likes, trending_score, task, library, tags, licenses, languages, other_languages, datasets, arxiv_ids, gated, private, parent_disagreements, card, raw_json FROM models ORDER BY id";
    private const string AllParents = "SELECT child, parent, relation, source FROM parents ORDER BY child, parent";

    [Theory]
    [InlineData(ListingShape.Listing, false)]
    [InlineData(ListingShape.Full, true)]
    public void A_simulated_hub_lands_the_same_as_through_DuckDB_NETs_appender(ListingShape shape, bool cards)
    {
        using var folder = new TempCatalog();
        var file = folder.File("hub.jsonl");
        EcosystemSimulator.WriteFile(new SimulationOptions { Models = 3000, Seed = 7, Shape = shape, Cards = cards }, file, cancellationToken: TestContext.Current.CancellationToken);

        var (imported, reference) = ImportBothWays(folder, file);

        Assert.Equal(3000, imported.Models.Count);
        Assert.True(imported.Parents.Count > 500);
        Assert.Equal(reference, imported);
    }

    [Fact]
    public void Edge_cases_of_field_shapes_land_the_same_as_through_DuckDB_NETs_appender()
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
            """{"id":"a/old","createdAt":"1969-12-31T23:59:59.9999999Z","lastModified":"0001-01-01T00:00:00Z","tags":["\ud83d\ude00","日本語",""]}""",
            """{"id":"a/long","tags":[],"pipeline_tag":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}""",
            "",
            """  {"id":"a/thirteen"}""",
            """{"id":"a/fourteen","downloads":"5"}""",
        ];
        var file = folder.Write("edge.jsonl", string.Join("\n", lines) + "\n");

        var (imported, reference) = ImportBothWays(folder, file);

        Assert.Equal(reference, imported);
        Assert.Equal(
            ["5: createdAt is not a date: '2022-02-30T00:00:00.000Z'", "8: downloads is negative (-1)", "14: trendingScore is not a finite number (out of range)", "20: downloads is not a whole number (a string)"],
            imported.Rejects);
    }

    [Fact]
    public void Rows_past_many_chunks_with_growing_lists_land_the_same_as_through_DuckDB_NETs_appender()
    {
        using var folder = new TempCatalog();
        // 5,000 rows span three 2,048-row chunks; list lengths grow to 40 so the list child vectors must grow mid-chunk;
        // every seventh row has nulls where the others have values
        var lines = Enumerable.Range(0, 5000).Select(i => i % 7 == 0
            ? $"{{\"id\":\"m/{i}\",\"downloads\":null,\"tags\":[]}}"
            : $"{{\"id\":\"m/{i}\",\"downloads\":{i},\"likes\":{i % 13},\"trendingScore\":{i}.25,\"private\":{(i % 2 == 0 ? "true" : "false")},\"createdAt\":\"2023-01-01T00:00:{i % 60:D2}.{i % 1000:D3}Z\",\"tags\":[{string.Join(",", Enumerable.Range(0, i % 41).Select(t => $"\"t{t}\"").Append($"\"base_model:finetune:m/{i / 2}\""))}]}}");
        var file = folder.Write("many.jsonl", string.Join("\n", lines) + "\n");

        var (imported, reference) = ImportBothWays(folder, file);

        Assert.Empty(imported.Rejects);
        Assert.Equal(5000, imported.Models.Count);
        Assert.Equal(reference, imported);
    }

    [Fact]
    public void Records_with_many_parents_fill_several_parent_chunks_per_batch_and_land_the_same()
    {
        using var folder = new TempCatalog();
        // 12 parents a record: a 512-line parse batch needs three 2,048-row parents chunks
        var lines = Enumerable.Range(0, 1500).Select(i =>
            $"{{\"id\":\"m/{i}\",\"tags\":[{string.Join(",", Enumerable.Range(1, 12).Select(p => $"\"base_model:merge:p/{i + p}\""))}]}}");
        var file = folder.Write("parents.jsonl", string.Join("\n", lines) + "\n");

        var (imported, reference) = ImportBothWays(folder, file);

        Assert.Equal(18_000, imported.Parents.Count);
        Assert.Equal(reference, imported);
    }

    [Fact]
    public void Progress_reports_the_bytes_read_up_to_the_whole_file()
    {
        using var catalog = new TempCatalog();
        var lines = Enumerable.Range(0, 171_072).Select(i => $"{{\"id\":\"m/{i}\",\"tags\":[\"en\"]}}");
        var file = catalog.Write("many.jsonl", string.Join("\n", lines) + "\n");
        var reports = new List<ImportProgress>();

        var result = new CatalogImporter(catalog.Path_)
            .Import([new ImportSource(file)], progress: new Collect(reports), cancellationToken: TestContext.Current.CancellationToken).Single();
        var size = new FileInfo(file).Length;
        var reading = reports.Where(r => r.Stage == "reading").ToList();
        Assert.Contains(reading, r => r.Bytes > 0 && r.Bytes < size);
        Assert.Equal(reading.Select(r => r.Bytes).Order(), reading.Select(r => r.Bytes));
        Assert.All(reports, r => Assert.Equal(size, r.TotalBytes));
        Assert.Equal(100.0, reports[^1].Percent);
        Assert.Equal("done", reports[^1].Stage);
        Assert.Equal(171_072, result.Imported);
        Assert.Equal(171_072, catalog.Scalar("SELECT count(*) FROM models WHERE languages = ['en']"));
    }

    private sealed class Collect(List<ImportProgress> reports) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => reports.Add(value);
    }

    private static (Landed Imported, Landed Reference) ImportBothWays(TempCatalog folder, string file)
    {
        var rejects = new List<ImportReject>();
        var result = new CatalogImporter(folder.Path_).Import([new ImportSource(file)], rejects.Add).Single();
        var imported = new Landed(
            $"{result.Read}/{result.Imported}/{result.Replaced}/{result.Rejected}",
            folder.Rows(AllModels),
            folder.Rows(AllParents),
            rejects.Select(r => $"{r.Line}: {r.Reason}").ToList());
        using var reference = new TempCatalog();
        return (imported, LandThroughDuckDbNet(reference, file));
    }

    /// <summary>The same records through DuckDB.NET's row appender, newest version of each id only (the importer's merge).</summary>
    private static Landed LandThroughDuckDbNet(TempCatalog rows, string file)
    {
        var rejects = new List<string>();
        var latest = new Dictionary<string, (ModelRecord Record, long Seq)>(StringComparer.Ordinal);
        long seq = 0;
        using (var stream = File.OpenRead(file))
        {
            foreach (var item in ModelSource.Read(stream, ModelSource.ResolveFormat(file, null)))
            {
                if (item.Record is { } record)
                {
                    latest[record.Id] = (record, ++seq);
                }
                else
                {
                    rejects.Add($"{item.Line}: {item.Reject}");
                }
            }
        }
        using (var connection = CatalogConnection.OpenWritable(rows.Path_))
        {
            using var models = connection.CreateAppender("models");
            using var parents = connection.CreateAppender("parents");
            foreach (var (record, version) in latest.Values)
            {
                models.CreateRow()
                    .AppendValue(record.Id).AppendValue(record.Author).AppendValue(record.CreatedAt).AppendValue(record.LastModified)
                    .AppendValue(record.Downloads).AppendValue(record.Likes).AppendValue(record.TrendingScore).AppendValue(record.Task)
                    .AppendValue(record.Library).AppendValue(record.Tags).AppendValue(record.Licenses).AppendValue(record.Languages)
                    .AppendValue(record.OtherLanguages).AppendValue(record.Datasets).AppendValue(record.ArxivIds).AppendValue(record.Gated)
                    .AppendValue(record.Private).AppendValue(record.ParentDisagreements).AppendValue(record.Card).AppendValue(record.RawJson)
                    .AppendValue(file).AppendValue(version).EndRow();
                foreach (var link in record.Parents)
                {
                    parents.CreateRow().AppendValue(record.Id).AppendValue(link.Parent).AppendValue(link.Relation.Name())
                        .AppendValue(CatalogImporter.SourceName(link.Source)).AppendValue(version).EndRow();
                }
            }
        }
        return new Landed($"{seq + rejects.Count}/{seq}/{seq - latest.Count}/{rejects.Count}", rows.Rows(AllModels), rows.Rows(AllParents), rejects);
    }

    private sealed record Landed(string Counts, List<string> Models, List<string> Parents, List<string> Rejects)
    {
        public bool Equals(Landed? other) => other is not null && Counts == other.Counts && Models.SequenceEqual(other.Models)
            && Parents.SequenceEqual(other.Parents) && Rejects.SequenceEqual(other.Rejects);

        public override int GetHashCode() => Counts.GetHashCode(StringComparison.Ordinal);

        public override string ToString() => $"{Counts}\n{string.Join("\n", Models)}\n--\n{string.Join("\n", Parents)}\n--\n{string.Join("\n", Rejects)}";
    }
}
