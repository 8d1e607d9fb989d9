using Kinship.Cli;
using System.ComponentModel;
using Kinship.Lineage.Catalog;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Kinship.Lineage.Cli.Commands;

/// <summary>Settings of <c>lineage export</c>.</summary>
public sealed class ExportSettings : CommandSettings
{
    [CommandArgument(0, "<PATH>")]
    [Description("The output file (written to a temporary name, then renamed into place)")]
    public string Path { get; init; } = "";

    [CommandOption("--to <FORMAT>")]
    [Description("parquet or jsonl")]
    public string? To { get; init; }

    [CommandOption("--catalog <PATH>")]
    [Description("The DuckDB catalog")]
    [DefaultValue(CatalogSchema.DefaultFileName)]
    public string Catalog { get; init; } = CatalogSchema.DefaultFileName;

    /// <summary>The parsed <see cref="To"/>.</summary>
    public ExportFormat Format => string.Equals(To, "parquet", StringComparison.OrdinalIgnoreCase) ? ExportFormat.Parquet : ExportFormat.Jsonl;

    public override ValidationResult Validate()
    {
        if (To is null)
        {
            return ValidationResult.Error("--to is required: parquet or jsonl");
        }
        if (!string.Equals(To, "parquet", StringComparison.OrdinalIgnoreCase) && !string.Equals(To, "jsonl", StringComparison.OrdinalIgnoreCase))
        {
            return ValidationResult.Error($"--to '{To}' is not parquet or jsonl");
        }
        if (string.IsNullOrWhiteSpace(Path))
        {
            return ValidationResult.Error("PATH is empty");
        }
        return CliPaths.FileError("--catalog", Catalog) is { } missing
            ? ValidationResult.Error(missing + " (create it with `lineage import`)")
            : ValidationResult.Success();
    }
}
