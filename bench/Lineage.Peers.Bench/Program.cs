using System.Globalization;
using System.Text.Json;
using Kinship.Lineage.Peers.Bench;

// Peer benchmarks of issue 16, each a ratio measured in the same run:
//   weekly: the shared weekly CSVs, `lineage import` + `lineage stats --json` (built binaries, fresh catalog per pair)
//           against the networkx script bench/networkx/stats_networkx.py, alternated pairs; plus in-process figures.
//   files:  hub-stats Parquet and the study CSV at --rows rows: our import against DuckDB's read_parquet / read_csv.
const string Usage = """
    Kinship.Lineage.Peers.Bench: lineage against its peers (issue 16), figures as medians and ratios of one run.

    usage: Kinship.Lineage.Peers.Bench [--only weekly|files] [--pairs N] [--rows N] [--weekly DIR]
                                       [--python PATH] [--work DIR] [--json PATH]

      --only weekly|files  run one part only (default: both, weekly first)
      --pairs N            weekly: alternated lineage/networkx pairs, and in-process repetitions (default 5)
      --rows N             files: rows of the generated hub-stats Parquet and study CSV (default 1000000)
      --repeats N          files: measurements of each reader, alternated with its DuckDB peer (default 3)
      --weekly DIR         the weekly CSV folder (default ../shared/data/hub/added-models beside the repository)
      --python PATH        the Python with networkx (default python3)
      --work DIR           scratch folder for catalogs and generated files (default $TMPDIR/kinship-peers)
      --json PATH          where the figures are written (default bench-peers.json)
    """;

var only = "";
var pairs = 5;
var rows = 1_000_000;
var repeats = 3;
string? weekly = null;
var python = "python3";
var work = Path.Combine(Path.GetTempPath(), "kinship-peers");
var jsonOut = "bench-peers.json";
for (var i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    switch (args[i])
    {
        case "-h" or "--help": Console.WriteLine(Usage); return 0;
        case "--only": only = Next(); break;
        case "--pairs": pairs = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--rows": rows = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--repeats": repeats = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--weekly": weekly = Next(); break;
        case "--python": python = Next(); break;
        case "--work": work = Next(); break;
        case "--json": jsonOut = Next(); break;
        default: Console.Error.WriteLine($"unknown argument '{args[i]}' (see --help)"); return 2;
    }
}
if (only is not ("" or "weekly" or "files") || pairs < 1 || rows < 1 || repeats < 1)
{
    Console.Error.WriteLine("--only takes weekly or files; --pairs, --rows and --repeats take a positive count");
    return 2;
}
Directory.CreateDirectory(work);
var figures = new Dictionary<string, object>
{
    ["machine"] = Machine.Describe(),
    ["load_before"] = Machine.LoadAverage(),
};
if (only is "" or "weekly")
{
    var folder = weekly ?? Path.Combine(Repository.Root, "..", "shared", "data", "hub", "added-models");
    figures["weekly"] = WeeklyBench.Run(folder, python, Path.Combine(Repository.Root, "bench", "networkx", "stats_networkx.py"), work, pairs);
}
if (only is "" or "files")
{
    figures["files"] = FileReadersBench.Run(work, rows, repeats);
}
figures["load_after"] = Machine.LoadAverage();
File.WriteAllText(jsonOut, JsonSerializer.Serialize(figures, new JsonSerializerOptions { WriteIndented = true }) + "\n");
Console.WriteLine($"figures written to {Path.GetFullPath(jsonOut)}");
return 0;
