using Kinship.Cli;
using Kinship.Lineage.Cli.Terminal;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DuckDB.NET.Data;
using Kinship.Files;
using Kinship.Lineage.Catalog;
using Kinship.Lineage.Hub;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Kinship.Lineage.Cli.Commands;

/// <summary><c>lineage import</c>: load input files into the DuckDB catalog, reporting rejected lines.</summary>
public sealed class ImportCommand(IAnsiConsole console) : Command<ImportSettings>
{
    public override int Execute(CommandContext context, ImportSettings settings, CancellationToken cancellationToken)
    {
        var sources = settings.Sources.Select(path => new ImportSource(path, settings.ParsedFormat)).ToArray();
        var clock = Stopwatch.StartNew();
        AtomicFile rejects;
        try
        {
            OutputPaths.Check(settings.RejectsPath, "the rejects report", OutputFileKind.Text, settings.Catalog, settings.Sources);
            rejects = AtomicFile.Create(settings.RejectsPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliFailureException($"{TerminalText.Escape(e.Message)}");
        }
        using var _ = rejects;
        IReadOnlyList<SourceImportResult> results;
        try
        {
            var importer = new CatalogImporter(settings.Catalog);
            void Reject(ImportReject reject)
            {
                try
                {
                    rejects.Text.WriteLine(reject.ToString());
                }
                catch (IOException e) when (AtomicFile.IsDiskFull(e))
                {
                    throw AtomicFile.DiskFull(rejects.Path, e);
                }
            }
            if (settings.Json)
            {
                results = importer.Import(sources, Reject, null, cancellationToken);
            }
            else if (console.Profile.Capabilities.Interactive)
            {
                // one redrawn bar per source: the percent of its bytes read, then its merge
                results = console.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                    .Start(progressContext =>
                    {
                        var tasks = sources.Select(source => progressContext.AddTask(TerminalText.Markup(Path.GetFileName(source.Path)), autoStart: false, maxValue: 100)).ToArray();
                        return importer.Import(sources, Reject, new Reporter(p =>
                        {
                            var task = tasks[p.SourceIndex];
                            task.StartTask();
                            task.Description = TerminalText.Markup($"{Path.GetFileName(p.Source)}: {p.Stage} {p.Records.ToString("N0", CultureInfo.InvariantCulture)} records");
                            task.Value = p.Stage == "done" ? 100 : Math.Min(p.Percent ?? 0, 99.9);
                            if (p.Stage == "done")
                            {
                                task.StopTask();
                            }
                        }), cancellationToken);
                    });
            }
            else
            {
                var printed = (Source: -1, Records: 0L);
                results = importer.Import(sources, Reject, new Reporter(p =>
                {
                    // plain lines for logs and pipes: every stage change, and reading at most once per 100,000 records
                    if (p.Stage != "reading" || p.Records - (p.SourceIndex == printed.Source ? printed.Records : 0) >= 100_000)
                    {
                        printed = (p.SourceIndex, p.Stage == "reading" ? p.Records / 100_000 * 100_000 : 0);
                        console.WriteLine(TerminalText.Escape(Describe(p)));
                    }
                }), cancellationToken);
            }
        }
        catch (Exception e) when (e is UnknownFormatException or FileNotFoundException or IOException or DuckDBException or UnauthorizedAccessException)
        {
            throw new CliFailureException($"{TerminalText.Escape(e.Message)}");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            console.WriteLine("import cancelled: the source being imported was rolled back; the sources before it are in the catalog.");
            return 130;
        }
        var rejected = results.Sum(r => r.Rejected);
        if (rejected > 0)
        {
            try
            {
                rejects.Commit();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // the catalog already holds the import; only the report is lost
                throw new CliFailureException($"{TerminalText.Escape(e.Message)} (the import itself is committed: {results.Sum(r => r.Imported)} records)");
            }
        }
        if (settings.Json)
        {
            console.Profile.Out.Writer.WriteLine(Json(results, settings, rejected > 0));
            return 0;
        }
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"import: {results.Sum(r => r.Imported):N0} of {results.Sum(r => r.Read):N0} records from {results.Count} source(s) into {settings.Catalog} ({results.Sum(r => r.Replaced):N0} replaced, {rejected:N0} rejected{(rejected > 0 ? " -> " + settings.RejectsPath : "")}) in {clock.Elapsed.TotalSeconds:0.0} s"));
        return 0;
    }

    private static string Describe(ImportProgress p) => string.Create(CultureInfo.InvariantCulture,
        $"[{p.SourceIndex + 1}/{p.SourceCount}] {p.Stage} {p.Source}: {p.Records:N0} records{(p.Stage == "reading" && p.Percent is { } percent ? $" ({percent:F0}% of bytes)" : "")}");

    private static string Json(IReadOnlyList<SourceImportResult> results, ImportSettings settings, bool hasRejects)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("read", results.Sum(r => r.Read));
            json.WriteNumber("imported", results.Sum(r => r.Imported));
            json.WriteNumber("replaced", results.Sum(r => r.Replaced));
            json.WriteNumber("rejected", results.Sum(r => r.Rejected));
            json.WriteString("catalog", settings.Catalog);
            if (hasRejects) { json.WriteString("rejects", settings.RejectsPath); } else { json.WriteNull("rejects"); }
            json.WriteStartArray("sources");
            foreach (var r in results)
            {
                json.WriteStartObject();
                json.WriteString("source", r.Source);
                json.WriteString("format", r.Format.Name());
                json.WriteNumber("read", r.Read);
                json.WriteNumber("imported", r.Imported);
                json.WriteNumber("replaced", r.Replaced);
                json.WriteNumber("rejected", r.Rejected);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private sealed class Reporter(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
