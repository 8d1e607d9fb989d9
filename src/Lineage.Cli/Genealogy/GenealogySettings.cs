using Kinship.Cli;
using System.ComponentModel;
using Kinship.Lineage.Catalog;
using Kinship.Lineage.Genealogy;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Kinship.Lineage.Cli.Genealogy;

/// <summary>Options every genealogy command shares: the catalog, the graph variant, JSON output.</summary>
public class GenealogySettings : CommandSettings
{
    [CommandOption("--catalog <PATH>")]
    [Description("DuckDB catalog written by `lineage import` (default: lineage.duckdb in the current folder)")]
    public string Catalog { get; init; } = CatalogSchema.DefaultFileName;

    [CommandOption("--variant <VARIANT>")]
    [Description("Graph variant: all, no-merge, finetune or finetune+adapter (default: all)")]
    public string Variant { get; init; } = "all";

    [CommandOption("--json")]
    [Description("Print JSON instead of tables")]
    public bool Json { get; init; }

    /// <summary>The parsed variant (valid after <see cref="Validate"/>).</summary>
    public GraphVariant GraphVariant => GraphVariants.TryParse(Variant, out var variant) ? variant : GraphVariant.All;

    public override ValidationResult Validate()
    {
        if (!GraphVariants.TryParse(Variant, out _))
        {
            return ValidationResult.Error($"--variant '{Variant}' is not one of: {string.Join(", ", GraphVariants.Names)}");
        }
        if (string.IsNullOrWhiteSpace(Catalog))
        {
            return ValidationResult.Error("--catalog needs a file path");
        }
        return CliPaths.FileError("--catalog", Catalog) is { } missing
            ? ValidationResult.Error(missing + " (create it with `lineage import`)")
            : ValidationResult.Success();
    }
}
