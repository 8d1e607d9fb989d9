using Kinship.Lineage.Hub;
using Parquet.Serialization;

namespace Kinship.Lineage.Tests.Hub;

public sealed class ReaderTests
{
    private static List<SourceItem> ReadAll(string path, InputFormat? format = null) =>
        ModelSource.Read(path, ModelSource.ResolveFormat(path, format)).ToList();

    private static ModelRecord Record(List<SourceItem> items, string id) => items.Single(i => i.Record?.Id == id).Record!;

    [Fact]
    public void Family_crawl_csv_reads_all_67_model_info_records()
    {
        var path = SharedData.RequireFile("data/hub/mistral-small-24b-base-tree-2025-04-05.csv");

        Assert.Equal(InputFormat.ModelInfoCsv, FormatSniffer.Detect(path));
        var items = ReadAll(path);

        Assert.Equal(67, items.Count);
        Assert.All(items, i => Assert.Null(i.Reject));
        var records = items.Select(i => i.Record!).ToList();
        Assert.Equal(67, records.Select(r => r.Id).Distinct().Count());
        Assert.Equal(1051, records.Sum(r => r.Tags.Count));
        Assert.Equal(494326, records.Sum(r => r.Downloads));
        Assert.Equal(1523, records.Sum(r => r.Likes));
        Assert.Equal(4, records.Count(r => r.Gated == true));
        Assert.Equal(4, records.Count(r => r.Licenses.Count == 0));
        Assert.Equal(66, records.Count(r => r.Parents.Count > 0));
        Assert.Equal(67, records.Sum(r => r.Parents.Count));
        var root = Record(items, "mistralai/Mistral-Small-24B-Base-2501");
        Assert.Empty(root.Parents);
        Assert.Equal(["en", "fr", "de", "es", "it", "pt", "zh", "ja", "ru", "ko"], root.Languages);
        Assert.Equal(25, root.ArxivIds.Count);
        Assert.Equal("vllm", root.Library);
        Assert.Equal(new DateTimeOffset(2025, 1, 23, 14, 13, 54, TimeSpan.Zero), root.CreatedAt);
        Assert.StartsWith("{\"id\": \"mistralai/Mistral-Small-24B-Base-2501\"", root.RawJson, StringComparison.Ordinal);
        // the one real tag/card disagreement of the family: the card also names the base model
        var conic = Assert.Single(records, r => r.ParentDisagreements.Count > 0);
        Assert.Equal("ConicCat/MistralSmallV3R", conic.Id);
        Assert.Equal(["mistralai/Mistral-Small-24B-Base-2501"], conic.ParentDisagreements);
        Assert.Equal(
            [
                new ParentLink("arcee-ai/Arcee-Blitz", Relation.Finetune, ParentSource.Tags | ParentSource.Card),
                new ParentLink("mistralai/Mistral-Small-24B-Base-2501", Relation.Unknown, ParentSource.Card),
            ],
            conic.Parents);
    }

    [Fact]
    public void Family_crawl_json_reads_its_5_models()
    {
        var path = SharedData.RequireFile("data/hub/deephermes-3-mistral-24b-tree.json");

        Assert.Equal(InputFormat.ModelInfoJson, FormatSniffer.Detect(path));
        var items = ReadAll(path);

        Assert.Equal(5, items.Count);
        Assert.All(items, i => Assert.Null(i.Reject));
        var hermes = Record(items, "NousResearch/DeepHermes-3-Mistral-24B-Preview");
        Assert.Equal([new ParentLink("mistralai/Mistral-Small-24B-Base-2501", Relation.Finetune, ParentSource.Tags | ParentSource.Card)], hermes.Parents);
        Assert.Equal(["apache-2.0"], hermes.Licenses);
        Assert.Equal(["en"], hermes.Languages);
        Assert.Equal(5, items.Sum(i => i.Record!.Parents.Count));
    }

    [Fact]
    public void Listing_page_reads_plain_and_expanded_items()
    {
        var path = Fixture.Path("listing-page.json");

        Assert.Equal(InputFormat.Listing, FormatSniffer.Detect(path));
        var items = ReadAll(path);

        Assert.Equal([2L, 3L, 7L, 12L], items.Select(i => i.Line));
        Assert.All(items, i => Assert.Null(i.Reject));
        var llama = Record(items, "meta-llama/Llama-3.1-8B");
        Assert.Equal("meta-llama", llama.Author);
        Assert.Equal(["en", "de", "fr"], llama.Languages);
        Assert.Equal(["llama3.1"], llama.Licenses);
        Assert.Equal(["2204.05149"], llama.ArxivIds);
        Assert.Equal(950000, llama.Downloads);
        Assert.Equal(12, llama.TrendingScore);
        Assert.False(llama.Private);

        var chat = Record(items, "acme/llama-3.1-8b-chat");
        Assert.Equal(
            [
                new ParentLink("meta-llama/Llama-3.1-8B", Relation.Finetune, ParentSource.Tags | ParentSource.Card),
                new ParentLink("acme/llama-3.1-8b-sft", Relation.Unknown, ParentSource.Card),
            ],
            chat.Parents);
        Assert.Equal(["acme/llama-3.1-8b-sft"], chat.ParentDisagreements);
        Assert.Equal(["eng", "multilingual"], chat.OtherLanguages);
        Assert.Equal(["acme/chats"], chat.Datasets);

        var merge = Record(items, "acme/llama-merge");
        Assert.Equal(["meta-llama/Llama-3.1-8B", "acme/llama-3.1-8b-chat"], merge.Parents.Select(p => p.Parent));
        Assert.All(merge.Parents, p => Assert.Equal(Relation.Merge, p.Relation));
        Assert.Equal(["apache-2.0"], merge.Licenses); // no license tag: the card's
        Assert.Null(merge.Task);
        Assert.Contains("\"siblings\"", merge.RawJson, StringComparison.Ordinal);

        var lora = Record(items, "acme/llama-lora");
        Assert.Equal([new ParentLink("acme/llama-3.1-8b-chat", Relation.Adapter, ParentSource.Table)], lora.Parents);
    }

    [Fact]
    public void Json_lines_with_bad_lines_reject_each_with_its_line_and_keep_the_good_ones()
    {
        var path = Fixture.Path("listing-bad.jsonl");

        var items = ReadAll(path);

        Assert.Equal(
            [
                "1: ok org/good-one",
                "3: bad JSON: Expected depth to be zero at the end of the JSON payload",
                "4: not a JSON object",
                "5: missing id",
                "6: empty id",
                "7: id is not a string (a number)",
                "8: tags is not a list (a string)",
                "9: downloads is not a whole number (a string)",
                "11: ok org/good-two",
                "12: invalid UTF-8",
            ],
            items.Select(i => $"{i.Line}: {(i.Record is { } r ? "ok " + r.Id : i.Reject)}"));
        var two = Record(items, "org/good-two");
        Assert.Equal([new ParentLink("org/good-one", Relation.Adapter, ParentSource.Tags)], two.Parents);
        Assert.Equal(["apache-2.0"], two.Licenses); // from the crawler's cardText front matter
        Assert.Equal("---\nlicense: apache-2.0\n---\n# Card", two.Card);
        // The metadata DNA is the listing record without the card carried inline.
        Assert.DoesNotContain("cardText", two.RawJson, StringComparison.Ordinal);
        Assert.Equal(
            System.Text.Json.Nodes.JsonNode.Parse(File.ReadLines(path).ElementAt(10))!.AsObject().Where(p => p.Key != "cardText").Select(p => p.Key),
            System.Text.Json.Nodes.JsonNode.Parse(two.RawJson!)!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void Study_table_reads_python_lists_multiline_cards_and_nan()
    {
        var path = Fixture.Path("study.csv");

        Assert.Equal(InputFormat.StudyCsv, FormatSniffer.Detect(path));
        var items = ReadAll(path);

        Assert.Equal(
            ["2: ok google/gemma-2-2b", "9: ok bob/gemma-2-2b-GGUF", "10: ok carol/gemma-tune", "16: downloads is not a whole number: 'many'"],
            items.Select(i => $"{i.Line}: {(i.Record is { } r ? "ok " + r.Id : i.Reject)}"));
        var gemma = Record(items, "google/gemma-2-2b");
        Assert.Equal(["gemma"], gemma.Licenses);
        Assert.Equal(["en"], gemma.Languages);
        Assert.Equal(300000, gemma.Downloads);
        Assert.Equal(5.0, gemma.TrendingScore);
        Assert.Equal("---\nlicense: gemma\nlibrary_name: transformers\n---\n# Gemma 2\n\nMulti-line card, with \"quotes\", and a comma.", gemma.Card);
        Assert.Contains("\"modelId\":\"google/gemma-2-2b\"", gemma.RawJson, StringComparison.Ordinal);

        var bob = Record(items, "bob/gemma-2-2b-GGUF");
        Assert.Null(bob.Card);
        Assert.Null(bob.Task);
        Assert.Equal([new ParentLink("google/gemma-2-2b", Relation.Quantized, ParentSource.Tags | ParentSource.Table)], bob.Parents);

        var carol = Record(items, "carol/gemma-tune");
        Assert.Equal([new ParentLink("google/gemma-2-2b", Relation.Adapter, ParentSource.Tags | ParentSource.Card | ParentSource.Table)], carol.Parents);
        Assert.Empty(carol.ParentDisagreements);
        Assert.Equal(12, carol.Downloads);
        Assert.Null(carol.TrendingScore);
        Assert.Equal(["fr"], carol.Languages);
        Assert.Equal(["ita"], carol.OtherLanguages);
        Assert.Equal(["apache-2.0"], carol.Licenses);
    }

    [Fact]
    public void Weekly_csv_reads_types_multi_parent_bases_and_rejects_bad_rows()
    {
        var path = Fixture.Path("weekly.csv");

        Assert.Equal(InputFormat.WeeklyCsv, FormatSniffer.Detect(path));
        var items = ReadAll(path);

        Assert.Equal(9, items.Count);
        Assert.Equal(["9: empty Model ID", "10: unknown Type 'sideways'"], items.Where(i => i.Reject is not null).Select(i => $"{i.Line}: {i.Reject}"));
        var merged = items.Single(i => i.Line == 7).Record!;
        Assert.Equal("a/merged", merged.Id);
        Assert.Equal(["a/base", "a/tune", "x/absent"], merged.Parents.Select(p => p.Parent));
        Assert.All(merged.Parents, p => Assert.Equal(new ParentLink(p.Parent, Relation.Merge, ParentSource.Table), p));
        Assert.Empty(items.Single(i => i.Line == 2).Record!.Parents);
    }

    [Fact]
    public void Weekly_csv_with_a_wrong_header_is_one_reject_on_line_1_when_forced()
    {
        var path = Fixture.Path("weekly-bad-header.csv");

        var items = ReadAll(path, InputFormat.WeeklyCsv);

        var item = Assert.Single(items);
        Assert.Equal(1, item.Line);
        Assert.Equal("wrong CSV header: expected columns 'Model ID', 'Type', 'Base Model', found 'Model', 'Type', 'Base'", item.Reject);
    }

    [Fact]
    public void A_file_of_no_known_format_is_one_clear_error()
    {
        var path = Fixture.Path("weekly-bad-header.csv");

        var error = Assert.Throws<UnknownFormatException>(() => FormatSniffer.Detect(path));

        Assert.StartsWith(path + ": no known input format", error.Message, StringComparison.Ordinal);
        Assert.Contains("first line: 'Model,Type,Base'", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The hub-stats row shape, declared independently of the reader.</summary>
    public sealed class StatsRow
    {
        public string? id { get; set; }
        public string? author { get; set; }
        public DateTime? createdAt { get; set; }
        public long? downloads { get; set; }
        public long? likes { get; set; }
        public List<string>? tags { get; set; }
        public string? pipeline_tag { get; set; }
        public string? library_name { get; set; }
        public StatsBase? baseModels { get; set; }
    }

    public sealed class StatsBase
    {
        public string? relation { get; set; }
        public List<StatsModel>? models { get; set; }
    }

    public sealed class StatsModel
    {
        public string? id { get; set; }
    }

    internal static async Task<string> WriteHubStatsParquet(string path)
    {
        StatsRow[] rows =
        [
            new() { id = "Qwen/Qwen2.5-7B", author = "Qwen", createdAt = new DateTime(2024, 9, 15, 0, 0, 0, DateTimeKind.Utc), downloads = 500, likes = 40, tags = ["transformers", "en", "license:apache-2.0"], pipeline_tag = "text-generation", library_name = "transformers" },
            new() { id = "x/merge", author = "x", createdAt = new DateTime(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc), downloads = 3, likes = 0, tags = ["merge", "base_model:Qwen/Qwen2.5-7B", "base_model:merge:Qwen/Qwen2.5-7B"], library_name = "transformers",
                    baseModels = new StatsBase { relation = "merge", models = [new() { id = "Qwen/Qwen2.5-7B" }, new() { id = "y/other" }] } },
            new() { id = "", tags = [] },
            new() { id = "z/quant", author = "z", downloads = 9, likes = 1, tags = ["gguf"], library_name = "gguf", baseModels = new StatsBase { relation = "quantized", models = [new() { id = "Qwen/Qwen2.5-7B" }] } },
        ];
        await ParquetSerializer.SerializeAsync(rows, path);
        return path;
    }

    [Fact]
    public async Task Hub_stats_parquet_reads_rows_and_base_models()
    {
        var path = Path.Combine(Path.GetTempPath(), $"models-{Guid.NewGuid():N}.parquet");
        try
        {
            await WriteHubStatsParquet(path);

            Assert.Equal(InputFormat.HubStatsParquet, FormatSniffer.Detect(path));
            var items = ReadAll(path);

            Assert.Equal(["1: ok Qwen/Qwen2.5-7B", "2: ok x/merge", "3: empty id", "4: ok z/quant"],
                items.Select(i => $"{i.Line}: {(i.Record is { } r ? "ok " + r.Id : i.Reject)}"));
            var merge = Record(items, "x/merge");
            Assert.Equal(
                [
                    new ParentLink("Qwen/Qwen2.5-7B", Relation.Merge, ParentSource.Tags | ParentSource.Table),
                    new ParentLink("y/other", Relation.Merge, ParentSource.Table),
                ],
                merge.Parents);
            Assert.Equal(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero), merge.CreatedAt);
            var qwen = Record(items, "Qwen/Qwen2.5-7B");
            Assert.Equal(["apache-2.0"], qwen.Licenses);
            Assert.Equal(["en"], qwen.Languages);
            Assert.Equal(500, qwen.Downloads);
            Assert.Contains("\"id\":\"Qwen/Qwen2.5-7B\"", qwen.RawJson, StringComparison.Ordinal);
            Assert.Equal([new ParentLink("Qwen/Qwen2.5-7B", Relation.Quantized, ParentSource.Table)], Record(items, "z/quant").Parents);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
