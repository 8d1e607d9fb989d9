using Kinship.Cli;
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

    [CommandOption("--dna-format <FORMAT>")]
    [Description("Metadata DNA text: python-repr (default, the study's str() of the record) or json (the source JSON text byte for byte).")]
    public string DnaFormat { get; init; } = "python-repr";

    [CommandOption("--parents <SOURCE>")]
    [Description("Which declared parents are edges: union (default: base_model tags, cardData.base_model and table columns) or tags (the study's definition).")]
    public string Parents { get; init; } = "union";

    [CommandOption("--top-n <TRAIT=N>")]
    [Description("Ordered traits in directional drift, per trait (license, language, task, library), e.g. --top-n task=20; repeatable. Default: the study's final code, license=20 language=20 task=10 library=10.")]
    public string[] TopN { get; init; } = [];

    /// <summary>The metadata DNA format <see cref="DnaFormat"/> names (valid after <see cref="Validate"/>).</summary>
    public Similarity.DnaFormat ParsedDnaFormat => DnaFormat == "json" ? Similarity.DnaFormat.Json : Similarity.DnaFormat.PythonRepr;

    /// <summary>The parent selection <see cref="Parents"/> names (valid after <see cref="Validate"/>).</summary>
    public ParentSelection ParsedParents => Parents == "tags" ? ParentSelection.Tags : ParentSelection.Union;

    /// <summary>Ordered traits per trait: the study's final settings, overridden by <see cref="TopN"/> (valid after <see cref="Validate"/>).</summary>
    public Func<Traits.Trait, int> ParsedTopN()
    {
        var overrides = new Dictionary<Traits.Trait, int>();
        foreach (var item in TopN)
        {
            ParseTopN(item, out var trait, out var n, out _);
            overrides[trait] = n;
        }
        return trait => overrides.TryGetValue(trait, out var n) ? n : Drift.DirectionalDrift.StudyFinalTopN(trait);
    }

    private static bool ParseTopN(string item, out Traits.Trait trait, out int n, out string? error)
    {
        trait = default;
        n = 0;
        var eq = item.IndexOf('=', StringComparison.Ordinal);
        var name = eq > 0 ? item[..eq].Trim().ToLowerInvariant() : "";
        Traits.Trait? parsed = name switch
        {
            "license" or "licenses" => Traits.Trait.License,
            "language" or "languages" => Traits.Trait.Language,
            "task" or "tasks" => Traits.Trait.Task,
            "library" or "libraries" => Traits.Trait.Library,
            _ => null,
        };
        if (parsed is null)
        {
            error = $"--top-n '{item}' must be TRAIT=N with TRAIT one of license, language, task, library";
            return false;
        }
        trait = parsed.Value;
        if (!int.TryParse(item[(eq + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out n)
            || n < 1 || n > Drift.OptimalOrdering.MaxItems)
        {
            error = $"--top-n '{item}': N must be a whole number from 1 to {Drift.OptimalOrdering.MaxItems}";
            return false;
        }
        error = null;
        return true;
    }

    public override ValidationResult Validate()
    {
        if (DnaFormat is not ("python-repr" or "json"))
        {
            return ValidationResult.Error($"--dna-format '{DnaFormat}' is not a format; use python-repr or json");
        }
        if (Parents is not ("union" or "tags"))
        {
            return ValidationResult.Error($"--parents '{Parents}' is not a parent source; use union or tags");
        }
        foreach (var item in TopN)
        {
            if (!ParseTopN(item, out _, out _, out var error))
            {
                return ValidationResult.Error(error!);
            }
        }
        if (string.IsNullOrWhiteSpace(Out))
        {
            return ValidationResult.Error("--out is required: the folder to write the report into");
        }
        if (File.Exists(Out))
        {
            return ValidationResult.Error($"--out expects a folder but {Path.GetFullPath(Out)} is a file");
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
        return CliPaths.FileError("--catalog", Catalog) is { } missing
            ? ValidationResult.Error(missing + " (create it with `lineage import`)")
            : ValidationResult.Success();
    }
}
