using System.ComponentModel;
using Kinship.Lineage.Catalog;
using Kinship.Lineage.Genealogy;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Kinship.Lineage.Cli.Commands;

/// <summary>Options of <c>lineage analyze</c>.</summary>
public sealed class AnalyzeSettings : CommandSettings
{
    [CommandOption("--catalog <PATH>")]
    [Description("The DuckDB catalog to analyse (default: lineage.duckdb).")]
    public string Catalog { get; init; } = CatalogSchema.DefaultFileName;

    [CommandOption("--variant <VARIANT>")]
    [Description("Graph for genetic similarity and family statistics: finetune (default, as the study), finetune+adapter, no-merge or all.")]
    public string Variant { get; init; } = "finetune";

    [CommandOption("--trait-variant <VARIANT>")]
    [Description("Graph for mutation, drift, documentation and compliance: all (default, as the study's v1), no-merge, finetune or finetune+adapter.")]
    public string TraitVariant { get; init; } = "all";

    [CommandOption("--samples <N>")]
    [Description("Pattern instances sampled per pattern (default 5000).")]
    public int Samples { get; init; } = 5_000;

    [CommandOption("--resamples <R>")]
    [Description("Bootstrap resamples per interval (default 1000).")]
    public int Resamples { get; init; } = 1_000;

    [CommandOption("--seed <S>")]
    [Description("Seed of every random choice (default 1).")]
    public ulong Seed { get; init; } = 1;

    [CommandOption("--out <DIR>")]
    [Description("Folder for results.json, report.md, report.html and charts/.")]
    public string? Out { get; init; }

    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Out))
        {
            return ValidationResult.Error("--out is required: the folder to write the report into");
        }
        if (!GraphVariants.TryParse(Variant, out _))
        {
            return ValidationResult.Error($"--variant '{Variant}' is not a variant; use one of {string.Join(", ", GraphVariants.Names)}");
        }
        if (!GraphVariants.TryParse(TraitVariant, out _))
        {
            return ValidationResult.Error($"--trait-variant '{TraitVariant}' is not a variant; use one of {string.Join(", ", GraphVariants.Names)}");
        }
        if (Samples < 1)
        {
            return ValidationResult.Error($"--samples must be at least 1 (got {Samples})");
        }
        if (Resamples < 1)
        {
            return ValidationResult.Error($"--resamples must be at least 1 (got {Resamples})");
        }
        if (!File.Exists(Catalog))
        {
            return ValidationResult.Error($"catalog {Path.GetFullPath(Catalog)} does not exist (create it with `lineage import`, or pass --catalog)");
        }
        return ValidationResult.Success();
    }
}
