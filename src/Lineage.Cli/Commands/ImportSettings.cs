using System.ComponentModel;
using Kinship.Lineage.Catalog;
using Kinship.Lineage.Hub;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Kinship.Lineage.Cli.Commands;

/// <summary>Settings of <c>lineage import</c>.</summary>
public sealed class ImportSettings : CommandSettings
{
    [CommandArgument(0, "<SOURCE>")]
    [Description("Input files, imported in the order given; a later record for a model replaces the earlier one")]
    public string[] Sources { get; init; } = [];

    [CommandOption("--catalog <PATH>")]
    [Description("The DuckDB catalog (created when absent)")]
    [DefaultValue(CatalogSchema.DefaultFileName)]
    public string Catalog { get; init; } = CatalogSchema.DefaultFileName;

    [CommandOption("--format <FORMAT>")]
    [Description("Force the input format instead of detecting it: listing, model-info-csv, model-info-json, study-csv, hub-stats-parquet, weekly-csv")]
    public string? Format { get; init; }

    [CommandOption("--rejects <PATH>")]
    [Description("Where rejected lines are reported as file:line: reason (default: beside the catalog, <catalog>.rejects.txt)")]
    public string? Rejects { get; init; }

    [CommandOption("--json")]
    [Description("Print one JSON object with read, imported, replaced, rejected totals and per-source figures")]
    public bool Json { get; init; }

    /// <summary>The parsed <see cref="Format"/>, or null to detect.</summary>
    public InputFormat? ParsedFormat => Format is null ? null : InputFormats.TryParse(Format, out var format) ? format : null;

    /// <summary>The rejects report path.</summary>
    public string RejectsPath => Rejects ?? Path.ChangeExtension(Catalog, ".rejects.txt");

    public override ValidationResult Validate()
    {
        if (Sources.Length == 0)
        {
            return ValidationResult.Error("give at least one SOURCE file");
        }
        if (Format is not null && !InputFormats.TryParse(Format, out _))
        {
            return ValidationResult.Error($"--format '{Format}' is not one of: {string.Join(", ", InputFormats.All.Select(f => f.Name))}");
        }
        if (string.IsNullOrWhiteSpace(Catalog))
        {
            return ValidationResult.Error("--catalog needs a path");
        }
        return ValidationResult.Success();
    }
}
