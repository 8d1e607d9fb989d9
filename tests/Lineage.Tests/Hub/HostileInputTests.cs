using System.Text;
using Kinship.Lineage.Catalog;
using Kinship.Lineage.Tests.Catalog;

namespace Kinship.Lineage.Tests.Hub;

/// <summary>Hostile values in every input format: the bad row is rejected by file:line with its reason, the rest lands.</summary>
public sealed class HostileInputTests : IDisposable
{
    private readonly TempCatalog _catalog = new();

    public void Dispose() => _catalog.Dispose();

    private static readonly (string Json, string? Reason)[] Items =
    [
        ("""{"id":"ok/first","downloads":5}""", null),
        ("""{"id":"bad/surrogate-\ud800","downloads":1}""", "id holds a lone surrogate escape (such as \\ud800), which is not text"),
        ("""{"id":"bad/card","cardData":{"license":"mit","base_model":"x\udc00"}}""", "cardData.base_model holds a lone surrogate escape (such as \\ud800), which is not text"),
        ("""{"id":"bad/nul\u0000tail"}""", "id contains the control character U+0000 at position 8"),
        ("""{"id":"bad/esc\u001b[31m"}""", "id contains the control character U+001B at position 8"),
        ("""{"id":"bad/downloads","downloads":-1}""", "downloads is negative (-1)"),
        ("""{"id":"bad/likes","likes":-3}""", "likes is negative (-3)"),
        ("""{"id":"bad/trending","trendingScore":1e400}""", "trendingScore is not a finite number (out of range)"),
        ("""{"id":"ok/second","tags":["a\ud83d\ude00b"],"trendingScore":1.5}""", null),
    ];

    private List<ImportReject> Import(string path, int expectedModels)
    {
        var rejects = new List<ImportReject>();
        _catalog.Import(rejects, path);
        Assert.Equal(expectedModels, _catalog.Scalar("SELECT count(*) FROM models"));
        return rejects;
    }

    [Fact]
    public void Json_lines_reject_each_hostile_line_and_import_the_rest()
    {
        var path = _catalog.Write("hostile.jsonl", string.Join("\n", Items.Select(i => i.Json)) + "\n");

        var rejects = Import(path, 2);

        Assert.Equal(
            Items.Select((item, index) => (item, index)).Where(x => x.item.Reason is not null).Select(x => $"{path}:{x.index + 1}: {x.item.Reason}"),
            rejects.Select(r => r.ToString()));
        Assert.Equal(["ok/first", "ok/second"], _catalog.Rows("SELECT id FROM models ORDER BY id"));
        Assert.Equal(["a\U0001F600b"], _catalog.Rows("SELECT tags FROM models WHERE id = 'ok/second'"));
    }

    [Fact]
    public void A_json_array_rejects_each_hostile_element_by_line()
    {
        var path = _catalog.Write("hostile.json", "[\n" + string.Join(",\n", Items.Select(i => i.Json)) + "\n]\n");

        var rejects = Import(path, 2);

        Assert.Equal(
            Items.Select((item, index) => (item, index)).Where(x => x.item.Reason is not null).Select(x => $"{path}:{x.index + 2}: {x.item.Reason}"),
            rejects.Select(r => r.ToString()));
    }

    [Fact]
    public void Garbage_after_a_json_array_is_an_error_naming_its_line_and_the_elements_land()
    {
        var path = _catalog.Write("trailing.json", "[\n{\"id\":\"a/b\"},\n{\"id\":\"c/d\"}\n]\n\ngarbage\n");

        var rejects = Import(path, 2);

        var reject = Assert.Single(rejects);
        Assert.Equal(6, reject.Line);
        Assert.StartsWith("bad JSON: 'g' is invalid after a single JSON value", reject.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Model_info_csv_metadata_with_a_lone_surrogate_is_rejected_by_line()
    {
        static string Row(string id, string metadata) => $"{id},\"{metadata.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
        var path = _catalog.Write("info.csv", string.Join("\n",
            "model_id,metadata",
            Row("a/good", """{"id":"a/good","downloads":3}"""),
            Row("b/bad", """{"id":"b/bad","cardData":{"license":"\udbff"}}"""),
            Row("c/good", """{"id":"c/good"}""")) + "\n");

        var rejects = Import(path, 2);

        Assert.Equal([$"{path}:3: metadata: cardData.license holds a lone surrogate escape (such as \\ud800), which is not text"], rejects.Select(r => r.ToString()));
    }

    [Fact]
    public void Model_info_json_with_a_lone_surrogate_in_model_id_is_rejected_by_line()
    {
        var path = _catalog.Write("info.json", """
            {"models": [
              {"model_id": "a/good", "metadata": {"id": "a/good"}},
              {"model_id": "b/\ud800", "metadata": {"id": "b/x"}},
              {"model_id": "c/good", "metadata": "{\"id\": \"c/good\"}"}
            ]}
            """);

        var rejects = Import(path, 2);

        Assert.Equal([$"{path}:3: model_id holds a lone surrogate escape (such as \\ud800), which is not text"], rejects.Select(r => r.ToString()));
    }

    [Fact]
    public void A_correctly_encoded_replacement_character_in_a_csv_lands_and_only_real_invalid_bytes_are_rejected()
    {
        var header = "model_id,metadata\n";
        var good = "a/good,\"{\"\"id\"\":\"\"a/good\"\",\"\"pipeline_tag\"\":\"\"text \uFFFD\"\"}\"\n";
        var bytes = new List<byte>(Encoding.UTF8.GetPreamble());
        bytes.AddRange(Encoding.UTF8.GetBytes(header + good));
        bytes.AddRange(Encoding.UTF8.GetBytes("b/bad,\"{\"\"id\"\":\"\"b/bad\"\",\"\"pipeline_tag\"\":\"\"x"));
        bytes.AddRange([0xC3, 0x28]); // an invalid two-byte sequence
        bytes.AddRange(Encoding.UTF8.GetBytes("\"\"}\"\nc/emoji,\"{\"\"id\"\":\"\"c/emoji\"\",\"\"pipeline_tag\"\":\"\"\U0010FFFF\"\"}\"\n"));
        var path = _catalog.WriteBytes("fffd.csv", bytes.ToArray());

        var rejects = Import(path, 2);

        Assert.Equal([$"{path}:3: invalid UTF-8"], rejects.Select(r => r.ToString()));
        Assert.Equal(["text \uFFFD"], _catalog.Rows("SELECT task FROM models WHERE id = 'a/good'"));
    }
}
