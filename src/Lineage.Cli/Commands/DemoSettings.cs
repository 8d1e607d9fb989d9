using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Kinship.Lineage.Cli.Commands;

/// <summary>Options of <c>lineage demo</c>.</summary>
public sealed class DemoSettings : CommandSettings
{
    [CommandOption("-n|--models <N>")]
    [Description("Number of simulated models (default 200000)")]
    public int Models { get; init; } = 200_000;

    [CommandOption("--seed <S>")]
    [Description("Seed of the simulation and of the analyses' sampling (default 1)")]
    public ulong Seed { get; init; } = 1;

    [CommandOption("-o|--out <DIR>")]
    [Description("Folder for the demo's files: hub.jsonl, lineage.duckdb, report/ (default ./lineage-demo; the demo's own files in it are replaced)")]
    public string Out { get; init; } = "lineage-demo";

    [CommandOption("--samples <N>")]
    [Description("Pattern instances sampled per similarity pattern (default 5000)")]
    public int Samples { get; init; } = 5_000;

    [CommandOption("--null-model")]
    [Description("Simulate undirected mutation (the study's 'standard asexual reproduction' contrast)")]
    public bool NullModel { get; init; }

    [CommandOption("--no-report")]
    [Description("Stop after the statistics (skip the analyses and the report)")]
    public bool NoReport { get; init; }

    public override ValidationResult Validate()
    {
        if (Models < 2) return ValidationResult.Error($"--models {Models}: must be at least 2");
        if (Samples < 1) return ValidationResult.Error($"--samples {Samples}: must be at least 1");
        if (string.IsNullOrWhiteSpace(Out)) return ValidationResult.Error("--out must name a folder");
        return ValidationResult.Success();
    }
}
