using Kinship.Cli;
using System.ComponentModel;
using Kinship.Lineage.Catalog;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Kinship.Lineage.Cli.Commands;

/// <summary>Settings of <c>lineage sql</c>.</summary>
public sealed class SqlSettings : CommandSettings
{
    [CommandArgument(0, "<QUERY>")]
    [Description("A SQL query over the catalog's tables (models, parents, imports), quoted as one argument; the connection is read-only")]
    public string Query { get; init; } = "";

    [CommandOption("--catalog <PATH>")]
    [Description("The DuckDB catalog")]
    [DefaultValue(CatalogSchema.DefaultFileName)]
    public string Catalog { get; init; } = CatalogSchema.DefaultFileName;

    [CommandOption("--format <FORMAT>")]
    [Description("Output mode, as duckdb's: table (fitted to the terminal, default), csv, json, jsonl, markdown or line")]
    public string Format { get; init; } = "table";

    [CommandOption("--json")]
    [Description("Same as --format json")]
    public bool Json { get; init; }

    /// <summary>The output mode in effect.</summary>
    public SqlFormat OutputFormat => Json ? SqlFormat.Json : ParseFormat() ?? SqlFormat.Table;

    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Query))
        {
            return ValidationResult.Error("QUERY is empty");
        }
        if (ParseFormat() is not { } format)
        {
            return ValidationResult.Error($"--format must be table, csv, json, jsonl, markdown or line (got '{Format}')");
        }
        if (Json && format != SqlFormat.Json && !Format.Equals("table", StringComparison.OrdinalIgnoreCase))
        {
            return ValidationResult.Error($"--json and --format {Format} contradict each other; give one");
        }
        return CliPaths.FileError("--catalog", Catalog) is { } missing
            ? ValidationResult.Error(missing + " (create it with `lineage import`)")
            : ValidationResult.Success();
    }

    private SqlFormat? ParseFormat() =>
        Enum.TryParse<SqlFormat>(Format, ignoreCase: true, out var format) && Enum.IsDefined(format) && !char.IsDigit(Format.Trim().FirstOrDefault()) ? format : null;
}
