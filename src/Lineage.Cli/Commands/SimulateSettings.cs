using System.ComponentModel;
using Kinship.Lineage.Catalog;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Kinship.Lineage.Cli.Commands;

/// <summary>Options of <c>lineage simulate</c>.</summary>
public sealed class SimulateSettings : CommandSettings
{
    [CommandOption("-n|--models <N>")]
    [Description("Number of models (default 200000)")]
    public int Models { get; init; } = 200_000;

    [CommandOption("--seed <S>")]
    [Description("Seed: the same seed and options always write the same bytes (default 1)")]
    public ulong Seed { get; init; } = 1;

    [CommandOption("-o|--out <FILE>")]
    [Description("JSON Lines file to write, in the Hub's /api/models listing shape (written atomically)")]
    public string? Out { get; init; }

    [CommandOption("--cards")]
    [Description("Also write model cards (YAML front matter + text) into each item's cardText field")]
    public bool Cards { get; init; }

    [CommandOption("--null-model")]
    [Description("Mutate traits at the same rates but without direction (a mutated trait is a fresh draw from its marginal)")]
    public bool NullModel { get; init; }

    [CommandOption("--shape <SHAPE>")]
    [Description("Item shape: listing (the plain /api/models item, default) or full (with siblings, cardData and config, as long as real model-info records)")]
    public string Shape { get; init; } = "listing";

    public override ValidationResult Validate()
    {
        if (Shape is not ("listing" or "full")) return ValidationResult.Error($"--shape '{Shape}' is not a shape: use listing or full");
        if (string.IsNullOrWhiteSpace(Out)) return ValidationResult.Error("--out FILE.jsonl is required");
        if (Models < 1) return ValidationResult.Error($"--models {Models}: must be at least 1");
        var folder = Path.GetDirectoryName(Path.GetFullPath(Out));
        if (folder is not null && !Directory.Exists(folder)) return ValidationResult.Error($"--out {Out}: folder {folder} does not exist");
        return OutputPaths.Problem(Out, "the simulated Hub", OutputFileKind.JsonLines, catalogPath: null) is { } problem
            ? ValidationResult.Error(problem)
            : ValidationResult.Success();
    }
}
