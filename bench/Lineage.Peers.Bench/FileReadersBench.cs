using System.Globalization;
using System.Text;
using DuckDB.NET.Data;
using Kinship.Lineage.Catalog;
using Kinship.Lineage.Hub;
using Parquet;
using Parquet.Serialization;

namespace Kinship.Lineage.Peers.Bench;

/// <summary>
/// Hub-stats Parquet and the study CSV at N rows: generated here (no generator for either format exists; the rows are
/// listing-like: 40 % declare one parent among earlier models, relations in rotation), then our import into a fresh
/// catalog against DuckDB's own reader of the same file into a table, alternated, medians and ratio.
/// </summary>
internal static class FileReadersBench
{
    private static readonly string[] Relations = ["finetune", "adapter", "quantized", "merge"];
    private static readonly string[] Licenses = ["apache-2.0", "mit", "llama3.1", "cc-by-nc-4.0", "other"];

    public static Dictionary<string, object> Run(string work, int rows, int repeats)
    {
        var parquet = Path.Combine(work, $"hub-stats-{rows}.parquet");
        var study = Path.Combine(work, $"study-{rows}.csv");
        var generate = Timing.Time(() =>
        {
            WriteParquet(parquet, rows);
            WriteStudyCsv(study, rows);
        });
        Console.WriteLine($"files: generated {rows:N0} rows as hub-stats Parquet ({new FileInfo(parquet).Length / 1e6:F0} MB) and study CSV ({new FileInfo(study).Length / 1e6:F0} MB) in {generate:F1} s");
        var figures = new Dictionary<string, object>
        {
            ["rows"] = rows,
            ["repeats"] = repeats,
            ["hub_stats_parquet"] = Measure(work, parquet, InputFormat.HubStatsParquet, $"read_parquet('{parquet}')", rows, repeats),
            ["study_csv"] = Measure(work, study, InputFormat.StudyCsv, $"read_csv('{study}')", rows, repeats),
        };
        File.Delete(parquet);
        File.Delete(study);
        return figures;
    }

    private static Dictionary<string, object> Measure(string work, string path, InputFormat format, string duckdbReader, int rows, int repeats)
    {
        var catalog = Path.Combine(work, "files.duckdb");
        var peer = Path.Combine(work, "files-peer.duckdb");
        var ours = new List<double>();
        var theirs = new List<double>();
        long imported = 0, rejected = 0, peerRows = 0;
        for (var r = 0; r < repeats; r++)
        {
            for (var side = 0; side < 2; side++)
            {
                if ((side == 0) == (r % 2 == 0))
                {
                    Timing.DeleteCatalog(catalog);
                    IReadOnlyList<SourceImportResult> results = [];
                    ours.Add(Timing.Time(() => results = new CatalogImporter(catalog).Import([new ImportSource(path, format)])));
                    imported = results.Sum(s => s.Imported);
                    rejected = results.Sum(s => s.Rejected);
                }
                else
                {
                    Timing.DeleteCatalog(peer);
                    theirs.Add(Timing.Time(() =>
                    {
                        using var connection = new DuckDBConnection($"Data Source={peer}");
                        connection.Open();
                        using var command = connection.CreateCommand();
                        command.CommandText = $"SET memory_limit = '1GB'; SET preserve_insertion_order = false; CREATE TABLE t AS SELECT * FROM {duckdbReader}";
                        command.ExecuteNonQuery();
                        command.CommandText = "SELECT count(*) FROM t";
                        peerRows = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
                    }));
                }
            }
            Console.WriteLine($"  {format}: import {ours[^1]:F2} s ({imported:N0} imported, {rejected:N0} rejected), DuckDB {duckdbReader[..duckdbReader.IndexOf('(', StringComparison.Ordinal)]} {theirs[^1]:F2} s ({peerRows:N0} rows)");
        }
        Timing.DeleteCatalog(catalog);
        Timing.DeleteCatalog(peer);
        if (imported != rows || rejected != 0 || peerRows != rows)
        {
            throw new InvalidOperationException($"{path}: {imported} imported, {rejected} rejected, DuckDB read {peerRows}; expected {rows} each and no rejects");
        }
        var mine = Timing.Median(ours);
        var duck = Timing.Median(theirs);
        Console.WriteLine($"{format} medians: import {mine:F2} s ({rows / mine:N0} records/s), DuckDB {duck:F2} s ({rows / duck:N0} rows/s): import / DuckDB = {mine / duck:F2}x");
        return new Dictionary<string, object>
        {
            ["import_s"] = Timing.Round(mine),
            ["import_records_per_s"] = Math.Round(rows / mine),
            ["duckdb_s"] = Timing.Round(duck),
            ["duckdb_rows_per_s"] = Math.Round(rows / duck),
            ["import_over_duckdb"] = Math.Round(mine / duck, 2),
            ["duckdb_reader"] = duckdbReader[..duckdbReader.IndexOf('(', StringComparison.Ordinal)],
            ["import_runs_s"] = ours.Select(Timing.Round).ToArray(),
            ["duckdb_runs_s"] = theirs.Select(Timing.Round).ToArray(),
        };
    }

    /// <summary>One generated model: id, its parent (or null) and the parent's relation.</summary>
    private readonly record struct Model(string Id, string? Parent, string Relation, int Downloads, int Likes, DateTime CreatedAt, string License);

    private static IEnumerable<Model> Models(int rows)
    {
        var random = new Random(20250319);
        var start = new DateTime(2022, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < rows; i++)
        {
            string? parent = i > 0 && random.NextDouble() < 0.4 ? Id(random.Next(i)) : null;
            yield return new Model(Id(i), parent, Relations[i % Relations.Length], random.Next(0, 100_000), random.Next(0, 500),
                start.AddSeconds(i * 47L), Licenses[random.Next(Licenses.Length)]);
        }
    }

    private static string Id(int i) => string.Create(CultureInfo.InvariantCulture, $"org{i % 9973}/model-{i:D7}");

    private static List<string> Tags(Model m)
    {
        List<string> tags = ["transformers", "safetensors", "text-generation", $"license:{m.License}", "en"];
        if (m.Parent is not null)
        {
            tags.Add($"base_model:{m.Parent}");
            tags.Add($"base_model:{m.Relation}:{m.Parent}");
        }
        return tags;
    }

    private static void WriteParquet(string path, int rows)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.ReadWrite);
        var first = true;
        foreach (var chunk in Models(rows).Chunk(100_000))
        {
            var batch = chunk.Select(m => new HubStatsParquetReader.Row
            {
                Id = m.Id,
                Author = m.Id[..m.Id.IndexOf('/', StringComparison.Ordinal)],
                CreatedAt = m.CreatedAt,
                Downloads = m.Downloads,
                Likes = m.Likes,
                Tags = Tags(m),
                PipelineTag = "text-generation",
                LibraryName = "transformers",
                BaseModels = m.Parent is null ? null : new HubStatsParquetReader.BaseModels { Relation = m.Relation, Models = [new HubStatsParquetReader.BaseModel { Id = m.Parent }] },
            }).ToList();
            ParquetSerializer.SerializeAsync(batch, stream, new ParquetOptions { Append = !first }).GetAwaiter().GetResult();
            first = false;
        }
    }

    private static void WriteStudyCsv(string path, int rows)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 16);
        writer.WriteLine("model_id,likes,trendingScore,private,downloads,tags,pipeline_tag,library_name,createdAt,licenses,parent_model,finetune_parent,quantized_parent,adapter_parent,merge_parent");
        foreach (var m in Models(rows))
        {
            string Parent(string relation) => m.Parent is not null && m.Relation == relation ? $"\"['{m.Parent}']\"" : "[]";
            writer.Write(string.Create(CultureInfo.InvariantCulture,
                $"{m.Id},{m.Likes},0.0,False,{m.Downloads},\"[{string.Join(", ", Tags(m).Select(t => $"'{t}'"))}]\",text-generation,transformers,{m.CreatedAt:yyyy-MM-ddTHH:mm:ss.fffZ},\"['{m.License}']\","));
            writer.WriteLine($"[],{Parent("finetune")},{Parent("quantized")},{Parent("adapter")},{Parent("merge")}");
        }
    }
}
