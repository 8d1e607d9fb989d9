using DuckDB.NET.Data;
using Kinship.Lineage.Catalog;

namespace Kinship.Lineage.Genealogy.Bench;

/// <summary>
/// A seeded synthetic catalog shaped roughly like the study's Hub (about 29% of models with parents; relations
/// 42% adapter, 33% finetune, 18% quantized, 7% merge with 2–5 parents; heavy-tailed parent popularity; some
/// dangling parents, self-references and two-model cycles). A stand-in until the ecosystem simulator lands.
/// </summary>
internal static class SyntheticCatalog
{
    private static readonly DateTimeOffset Start = new(2022, 3, 2, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset End = new(2025, 7, 12, 0, 0, 0, TimeSpan.Zero);

    public static (long Models, long Pairs) Write(string path, int models, int seed)
    {
        var random = new Random(seed);
        var ids = new string[models];
        for (var i = 0; i < models; i++)
        {
            ids[i] = $"org{random.Next(60_000):D5}/model-{i:D7}";
        }
        var bases = new List<int>();      // popular foundation models: heavy-tailed choice
        var derived = new List<int>();    // models with a parent: extending them makes deep chains
        long pairs = 0;
        var span = (End - Start).Ticks;
        using var connection = CatalogConnection.OpenWritable(path);
        using (var appender = connection.CreateAppender("models"))
        {
            for (var i = 0; i < models; i++)
            {
                var created = Start.AddTicks(span / models * i);
                var row = appender.CreateRow();
                row.AppendValue(ids[i]).AppendValue(ids[i].Split('/')[0]).AppendValue(created).AppendNullValue()
                    .AppendValue((long)(1000 * Math.Pow(random.NextDouble(), 6)));
                for (var c = 5; c < 21; c++)
                {
                    row.AppendNullValue();
                }
                row.EndRow();
            }
        }
        using (var appender = connection.CreateAppender("parents"))
        {
            var chosen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 1; i < models; i++)
            {
                if (random.NextDouble() >= 0.29)
                {
                    if (i % 100 == 0)
                    {
                        bases.Add(i);
                    }
                    continue;
                }
                var r = random.NextDouble();
                var relation = r < 0.42 ? "adapter" : r < 0.75 ? "finetune" : r < 0.93 ? "quantized" : "merge";
                var count = relation == "merge" ? random.Next(2, 6) : 1;
                chosen.Clear();
                for (var k = 0; k < count; k++)
                {
                    string parent;
                    var u = random.NextDouble();
                    if (u < 0.12)
                    {
                        parent = $"gone/base-{random.Next(200_000)}"; // deleted or private parent: dangling
                    }
                    else if (u < 0.88 && bases.Count > 0)
                    {
                        parent = ids[bases[(int)(bases.Count * Math.Pow(random.NextDouble(), 3))]];
                    }
                    else if (derived.Count > 0)
                    {
                        // Prefer recent derived models, which grows chains generation by generation.
                        parent = ids[derived[derived.Count - 1 - (int)(Math.Min(derived.Count, 5_000) * random.NextDouble())]];
                    }
                    else
                    {
                        parent = ids[random.Next(i)];
                    }
                    chosen.Add(parent);
                }
                if (random.NextDouble() < 0.0005)
                {
                    chosen.Add(ids[i]); // self-reference
                }
                foreach (var parent in chosen)
                {
                    appender.CreateRow().AppendValue(ids[i]).AppendValue(parent).AppendValue(relation).AppendValue("tags").EndRow();
                    pairs++;
                }
                derived.Add(i);
            }
            // Two-model cycles: an earlier derived model names a later one as its base too.
            for (var c = 0; c < 50 && derived.Count > 2; c++)
            {
                var a = derived[random.Next(derived.Count / 2)];
                var b = derived[derived.Count / 2 + random.Next(derived.Count / 2)];
                appender.CreateRow().AppendValue(ids[a]).AppendValue(ids[b]).AppendValue("finetune").AppendValue("tags").EndRow();
                appender.CreateRow().AppendValue(ids[b]).AppendValue(ids[a]).AppendValue("finetune").AppendValue("tags").EndRow();
                pairs += 2;
            }
        }
        return (models, pairs);
    }
}
