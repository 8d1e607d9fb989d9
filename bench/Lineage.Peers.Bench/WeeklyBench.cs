using System.Text.Json.Nodes;
using Kinship.Lineage.Catalog;
using Kinship.Lineage.Genealogy;

namespace Kinship.Lineage.Peers.Bench;

/// <summary>
/// The weekly CSVs: <c>lineage import</c> + <c>lineage stats --json</c> as built processes (fresh catalog each pair) against
/// the networkx script, in alternated pairs; then the same work in process (importer, loader, calculator) so that
/// process start-up is visible, with DuckDB's own SQL doing the same catalog writes beside it (<see cref="WeeklySqlPeer"/>), and the
/// start-up itself (<c>lineage stats</c> on a one-model catalog).
/// </summary>
internal static class WeeklyBench
{
    public static Dictionary<string, object> Run(string folder, string python, string script, string work, int pairs)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"weekly folder '{folder}' does not exist (pass --weekly DIR)");
        }
        var files = Directory.GetFiles(folder, "*.csv");
        Array.Sort(files, StringComparer.Ordinal);
        var rows = files.Sum(f => File.ReadLines(f).Count() - 1);
        var lineage = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "lineage.exe" : "lineage");
        var catalog = Path.Combine(work, "weekly.duckdb");
        Console.WriteLine($"weekly: {files.Length} files, {rows:N0} rows; {pairs} alternated pairs of lineage import + stats and {Path.GetFileName(script)}");

        // Start-up: a one-model catalog, so the stats process does nothing but start, open DuckDB and print.
        var tinyCsv = Path.Combine(work, "tiny-weekly.csv");
        File.WriteAllText(tinyCsv, "Model ID,Type,Base Model\nx/one,,\n");
        var tiny = Path.Combine(work, "tiny.duckdb");
        Timing.DeleteCatalog(tiny);
        Timing.Run(lineage, ["import", tinyCsv, "--catalog", tiny]);

        var import = new List<double>();
        var stats = new List<double>();
        var peer = new List<double>();
        var startup = new List<double>();
        string? ours = null, theirs = null;
        for (var p = 0; p < pairs; p++)
        {
            var lineageFirst = p % 2 == 0;
            for (var side = 0; side < 2; side++)
            {
                if ((side == 0) == lineageFirst)
                {
                    Timing.DeleteCatalog(catalog);
                    import.Add(Timing.Run(lineage, ["import", .. files, "--catalog", catalog, "--json"]).Seconds);
                    var (seconds, output) = Timing.Run(lineage, ["stats", "--catalog", catalog, "--json"]);
                    stats.Add(seconds);
                    ours = output;
                }
                else
                {
                    var (seconds, output) = Timing.Run(python, [script, .. files]);
                    peer.Add(seconds);
                    theirs = output;
                }
            }
            startup.Add(Timing.Run(lineage, ["stats", "--catalog", tiny, "--json"]).Seconds);
            Console.WriteLine($"  pair {p + 1}: lineage import {import[^1]:F2} s + stats {stats[^1]:F2} s = {import[^1] + stats[^1]:F2} s; networkx {peer[^1]:F2} s");
        }
        var same = JsonNode.DeepEquals(JsonNode.Parse(ours!), JsonNode.Parse(theirs!));

        // In process: the same work without process start-up, JIT included once per repetition's first call only; beside it,
        // alternated, DuckDB's own SQL doing the same catalog writes (WeeklySqlPeer), whose catalog must give the same stats.
        var inImport = new List<double>();
        var inLoad = new List<double>();
        var inCompute = new List<double>();
        var sqlImport = new List<double>();
        var sqlPhases = new List<Dictionary<string, double>>();
        var importPhases = new List<Dictionary<string, double>>();
        var perFile = new List<double[]>();
        var sqlCatalog = Path.Combine(work, "weekly-sql.duckdb");
        var sqlSame = true;
        for (var r = 0; r < pairs; r++)
        {
            for (var side = 0; side < 2; side++)
            {
                if ((side == 0) == (r % 2 == 0))
                {
                    Timing.DeleteCatalog(catalog);
                    IReadOnlyList<SourceImportResult> results = [];
                    var clock = new StageClock();
                    inImport.Add(Timing.Time(() => results = new CatalogImporter(catalog).Import([.. files.Select(f => new ImportSource(f))], null, clock)));
                    importPhases.Add(clock.Close());
                    perFile.Add([.. results.Select(s => (s.Finished - s.Started).TotalSeconds)]);
                }
                else
                {
                    Timing.DeleteCatalog(sqlCatalog);
                    Dictionary<string, double> phases = [];
                    sqlImport.Add(Timing.Time(() => phases = WeeklySqlPeer.Import(files, sqlCatalog)));
                    sqlPhases.Add(phases);
                }
            }
            GenealogyLoad? load = null;
            inLoad.Add(Timing.Time(() => load = GenealogyLoader.Load(catalog)));
            var json = "";
            inCompute.Add(Timing.Time(() => json = GenealogyStatisticsJson.Serialize(GenealogyStatisticsCalculator.Compute(load!.Snapshot))));
            sqlSame &= json == GenealogyStatisticsJson.Serialize(GenealogyStatisticsCalculator.Compute(GenealogyLoader.Load(sqlCatalog).Snapshot));
            Console.WriteLine($"  in process {r + 1}: import {inImport[^1]:F2} s ({Phases(importPhases[^1])}), load {inLoad[^1]:F2} s, compute + json {inCompute[^1]:F2} s; " +
                $"DuckDB SQL import {sqlImport[^1]:F2} s ({Phases(sqlPhases[^1])})");
        }
        Timing.DeleteCatalog(sqlCatalog);
        Timing.DeleteCatalog(catalog);

        var lineageTotal = Timing.Median(import.Zip(stats, (a, b) => a + b));
        var inTotal = Timing.Median(inImport.Zip(inLoad, (a, b) => a + b).Zip(inCompute, (a, b) => a + b));
        var networkx = Timing.Median(peer);
        Console.WriteLine($"weekly medians: lineage {lineageTotal:F2} s (import {Timing.Median(import):F2} + stats {Timing.Median(stats):F2}; start-up {Timing.Median(startup):F2} s per process), " +
            $"networkx {networkx:F2} s: networkx / lineage = {networkx / lineageTotal:F2}x; in process {inTotal:F2} s ({networkx / inTotal:F2}x); same JSON: {same}");
        Console.WriteLine($"weekly in process: CatalogImporter {Timing.Median(inImport):F2} s, DuckDB SQL doing the same writes {Timing.Median(sqlImport):F2} s " +
            $"(importer / SQL = {Timing.Median(inImport) / Timing.Median(sqlImport):F2}); same stats from both catalogs: {sqlSame}");
        return new Dictionary<string, object>
        {
            ["files"] = files.Length,
            ["rows"] = rows,
            ["pairs"] = pairs,
            ["same_json"] = same,
            ["lineage_import_s"] = Timing.Round(Timing.Median(import)),
            ["lineage_stats_s"] = Timing.Round(Timing.Median(stats)),
            ["lineage_total_s"] = Timing.Round(lineageTotal),
            ["process_startup_s"] = Timing.Round(Timing.Median(startup)),
            ["networkx_s"] = Timing.Round(networkx),
            ["networkx_over_lineage"] = Math.Round(networkx / lineageTotal, 2),
            ["in_process_import_s"] = Timing.Round(Timing.Median(inImport)),
            ["in_process_import_phases_s"] = MedianPhases(importPhases),
            ["duckdb_sql_import_s"] = Timing.Round(Timing.Median(sqlImport)),
            ["duckdb_sql_phases_s"] = MedianPhases(sqlPhases),
            ["importer_over_duckdb_sql"] = Math.Round(Timing.Median(inImport) / Timing.Median(sqlImport), 2),
            ["duckdb_sql_same_stats"] = sqlSame,
            ["in_process_import_per_file_s"] = Enumerable.Range(0, files.Length).Select(f => Timing.Round(Timing.Median(perFile.Select(run => run[f])))).ToArray(),
            ["in_process_stats_load_s"] = Timing.Round(Timing.Median(inLoad)),
            ["in_process_stats_compute_s"] = Timing.Round(Timing.Median(inCompute)),
            ["in_process_total_s"] = Timing.Round(inTotal),
            ["networkx_over_in_process"] = Math.Round(networkx / inTotal, 2),
            ["lineage_runs_s"] = import.Zip(stats, (a, b) => Timing.Round(a + b)).ToArray(),
            ["networkx_runs_s"] = peer.Select(Timing.Round).ToArray(),
        };
    }

    private static string Phases(Dictionary<string, double> phases) => string.Join(", ", phases.Select(p => $"{p.Key} {p.Value:F2}"));

    private static Dictionary<string, double> MedianPhases(List<Dictionary<string, double>> runs) =>
        runs[0].Keys.ToDictionary(k => k, k => Timing.Round(Timing.Median(runs.Select(p => p.GetValueOrDefault(k)))));
}
