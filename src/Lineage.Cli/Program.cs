using Kinship.Cli;
using Kinship.Lineage.Cli.Commands;
using Spectre.Console.Cli;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("lineage");
    config.SetApplicationVersion(CliVersion.Of(typeof(Program).Assembly));
    // one line on stderr and the exit-code scheme (0 ok, 1 failure, 2 usage, 130 Ctrl+C) for every command
    CliErrorHandler.Install(config, args, Console.Error, typeof(Program).Assembly);
    config.UseStrictParsing();
    config.ValidateExamples();
    config.AddCommand<DemoCommand>("demo").WithDescription("Simulate a Hub, import it, print its statistics and write the analysis report (the built-in default job)");
    config.AddCommand<SimulateCommand>("simulate").WithDescription("Write a synthetic Hub shaped like the study's (JSON Lines, Hub listing shape)");
    config.AddCommand<CrawlCommand>("crawl").WithDescription("Page through a Hub's /api/models listing into a resumable JSON Lines snapshot");
    config.AddCommand<ImportCommand>("import").WithDescription("Import Hub metadata files into the DuckDB catalog").WithExample("import", "snapshot.jsonl", "--catalog", "lineage.duckdb");
    config.AddCommand<SqlCommand>("sql").WithDescription("Run a read-only SQL query against the catalog").WithExample("sql", "\"SELECT relation, count(*) FROM parents GROUP BY relation\"", "--format", "csv");
    config.AddCommand<ExportCommand>("export").WithDescription("Export the catalog's models with their parents to Parquet or JSON Lines").WithExample("export", "--to", "parquet", "models.parquet");
    config.AddCommand<Kinship.Lineage.Cli.Genealogy.StatsCommand>("stats").WithDescription("Family-tree statistics of a catalog");
    config.AddCommand<Kinship.Lineage.Cli.Genealogy.TreeCommand>("tree").WithDescription("A model's ancestors and descendants");
    config.AddCommand<Kinship.Lineage.Cli.Genealogy.FamilyCommand>("family").WithDescription("Statistics of a model's family");
    config.AddCommand<AnalyzeCommand>("analyze").WithDescription("Run the study's analyses over a catalog and write results.json, report.md, report.html and charts.");
    config.AddCommand<Kinship.Lineage.Cli.Compliance.AuditCommand>("audit").WithDescription("Check a model's whole ancestry against the license inheritance rules");
    config.AddCommand<ServeCommand>("serve").WithDescription("Open the interactive family-tree explorer over the catalog in a browser (read-only, loopback by default)").WithExample("serve", "--catalog", "lineage.duckdb");
});
// Ctrl+C cancels the running command's token (long jobs stop cleanly and stay resumable); a second Ctrl+C kills.
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = !cancellation.IsCancellationRequested;
    cancellation.Cancel();
};
return await app.RunAsync(args, cancellation.Token);
