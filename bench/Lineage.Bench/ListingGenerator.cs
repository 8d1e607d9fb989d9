using System.Text.Json;

namespace Kinship.Lineage.Bench;

/// <summary>
/// Writes synthetic Hub listing items as JSON Lines, shaped like the real snapshot (Lineage study §1.4): about 29% of
/// models declare a parent; relations adapter 42%, finetune 33%, quantized 18%, merge 7% (2–5 parents); both the untyped
/// and the typed <c>base_model</c> tag per parent; realistic library, license, language and region tags.
/// </summary>
internal sealed class ListingGenerator(int seed)
{
    private static readonly string[] Libraries = ["transformers", "peft", "diffusers", "gguf", "sentence-transformers", "mlx", "timm"];
    private static readonly string[] Tasks = ["text-generation", "text-classification", "image-classification", "text-to-image", "feature-extraction", "automatic-speech-recognition"];
    private static readonly string[] Architectures = ["llama", "qwen2", "mistral", "gemma2", "bert", "phi3", "t5"];
    private static readonly string[] Licenses = ["apache-2.0", "mit", "other", "llama3.1", "gemma", "cc-by-nc-4.0", "openrail"];
    private static readonly string[] Languages = ["en", "zh", "fr", "de", "es", "ja", "ko", "ru"];
    private static readonly string[] Owners = Enumerable.Range(0, 5000).Select(i => $"user{i:D4}").ToArray();

    private readonly Random _random = new(seed);

    /// <summary>Counts of what was generated.</summary>
    public long WithParent { get; private set; }

    public long ParentLinks { get; private set; }

    public void Write(string path, int records)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        using var json = new Utf8JsonWriter(file, new JsonWriterOptions { SkipValidation = true });
        var start = new DateTime(2022, 3, 2, 23, 29, 4, DateTimeKind.Utc);
        var step = TimeSpan.FromSeconds((DateTime.UtcNow - start).TotalSeconds / records);
        Span<int> parents = stackalloc int[5];
        for (var i = 0; i < records; i++)
        {
            var id = Id(i);
            json.WriteStartObject();
            json.WriteString("_id", i.ToString("x24", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("id", id);
            json.WriteNumber("likes", (long)Math.Floor(Math.Pow(_random.NextDouble(), 6) * 200));
            json.WriteNumber("trendingScore", _random.Next(0, 4));
            json.WriteBoolean("private", false);
            json.WriteNumber("downloads", (long)Math.Floor(Math.Pow(_random.NextDouble(), 8) * 100_000));
            json.WriteStartArray("tags");
            var library = Libraries[_random.Next(Libraries.Length)];
            var task = Tasks[_random.Next(Tasks.Length)];
            json.WriteStringValue(library);
            json.WriteStringValue("safetensors");
            json.WriteStringValue(Architectures[_random.Next(Architectures.Length)]);
            json.WriteStringValue(task);
            if (_random.NextDouble() < 0.14)
            {
                json.WriteStringValue(Languages[_random.Next(Languages.Length)]);
            }
            var parentCount = 0;
            var relation = "";
            if (i > 10 && _random.NextDouble() < 0.29)
            {
                var roll = _random.NextDouble();
                (relation, parentCount) = roll switch
                {
                    < 0.42 => ("adapter", 1),
                    < 0.75 => ("finetune", 1),
                    < 0.93 => ("quantized", 1),
                    _ => ("merge", _random.Next(2, 6)),
                };
                for (var p = 0; p < parentCount; p++)
                {
                    // parents are mostly popular older models: skew toward the early ids
                    parents[p] = (int)(Math.Pow(_random.NextDouble(), 3) * i);
                }
                WithParent++;
                ParentLinks += parentCount;
                for (var p = 0; p < parentCount; p++)
                {
                    json.WriteStringValue("base_model:" + Id(parents[p]));
                    json.WriteStringValue($"base_model:{relation}:{Id(parents[p])}");
                }
            }
            if (_random.NextDouble() < 0.36)
            {
                json.WriteStringValue("license:" + Licenses[_random.Next(Licenses.Length)]);
            }
            if (_random.NextDouble() < 0.05)
            {
                json.WriteStringValue("arxiv:" + (2000 + _random.Next(500)).ToString(System.Globalization.CultureInfo.InvariantCulture) + "." + _random.Next(10000, 99999).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            json.WriteStringValue("autotrain_compatible");
            json.WriteStringValue("endpoints_compatible");
            json.WriteStringValue("region:us");
            json.WriteEndArray();
            json.WriteString("pipeline_tag", task);
            json.WriteString("library_name", library);
            json.WriteString("createdAt", (start + step * i).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("modelId", id);
            json.WriteEndObject();
            json.Flush();
            json.Reset();
            file.WriteByte((byte)'\n');
        }
    }

    private static string Id(int index) => $"{Owners[index % Owners.Length]}/model-{index}";
}
