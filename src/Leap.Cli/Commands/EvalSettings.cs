using System.ComponentModel;
using Kinship.Cli;
using Kinship.Leap.Cli.Options;
using Kinship.Leap.Evaluation;
using Spectre.Console.Cli;

namespace Kinship.Leap.Cli.Commands;

/// <summary>Options of <c>leap eval</c>: the shared engine options plus the benchmark, the method, the selection and the output folder.</summary>
public sealed class EvalSettings : EngineSettings
{
    [CommandOption("--benchmark <FILE>")]
    [Description("Benchmark file: a JSON array (AIME/AIMO/GPQA style) or JSON Lines with problem, answer, optional options and id")]
    public string Benchmark { get; init; } = "";

    [CommandOption("--method <METHOD>")]
    [Description("leap (default) or independent (N independent samples, same budget and answer forcing)")]
    public string Method { get; init; } = "leap";

    [CommandOption("--out <DIR>")]
    [Description("Output folder: run.json, results.jsonl, traces/, summary.json; rerun into it to resume")]
    public string Out { get; init; } = "";

    [CommandOption("--force-prefix <FILE>")]
    [Description("Text every path starts from (the prefix-dominance study)")]
    public string? ForcePrefix { get; init; }

    [CommandOption("--limit <N>")]
    [Description("Run at most N problems (after --ids and --shuffle-seed)")]
    public int? Limit { get; init; }

    [CommandOption("--ids <IDS>")]
    [Description("Comma-separated problem ids to run")]
    public string? Ids { get; init; }

    [CommandOption("--shuffle-seed <SEED>")]
    [Description("Shuffle the problem order with this seed (before --limit)")]
    public ulong? ShuffleSeed { get; init; }

    [CommandOption("--option-seed <SEED>")]
    [Description("Seed of the per-item multiple-choice option shuffle (default 20250512)")]
    public ulong OptionSeed { get; init; } = 20250512;

    [CommandOption("--keep-option-order")]
    [Description("Do not shuffle multiple-choice options")]
    public bool KeepOptionOrder { get; init; }

    [CommandOption("--parallel-problems <N>")]
    [Description("Problems solved at once (with --endpoint; default 1)")]
    public int ParallelProblems { get; init; } = 1;

    /// <summary>The evaluation method.</summary>
    public EvaluationMethod EvaluationMethod => Method.Equals("independent", StringComparison.OrdinalIgnoreCase) ? EvaluationMethod.Independent : EvaluationMethod.Leap;

    /// <summary>The problem selection.</summary>
    public BenchmarkSelection Selection => new()
    {
        Limit = Limit,
        Ids = Ids?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        ShuffleSeed = ShuffleSeed,
    };

    /// <inheritdoc/>
    protected override void ValidateCommand(List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(Benchmark))
        {
            errors.Add("--benchmark expects a benchmark file, JSON or JSON Lines (got none)");
        }
        else if (CliPaths.FileError("--benchmark", Benchmark) is { } benchmarkError)
        {
            errors.Add(benchmarkError);
        }
        if (string.IsNullOrWhiteSpace(Out))
        {
            errors.Add("--out expects a folder for the results (got none)");
        }
        else if (File.Exists(Out))
        {
            errors.Add($"--out expects a folder but {Path.GetFullPath(Out)} is a file");
        }
        if (!Method.Equals("leap", StringComparison.OrdinalIgnoreCase) && !Method.Equals("independent", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"--method must be leap or independent (got '{Method}')");
        }
        if (ForcePrefix is not null && CliPaths.FileError("--force-prefix", ForcePrefix) is { } prefixError)
        {
            errors.Add(prefixError);
        }
        if (Limit is < 1)
        {
            errors.Add($"--limit must be at least 1 (got {Limit})");
        }
        if (ParallelProblems < 1)
        {
            errors.Add($"--parallel-problems must be at least 1 (got {ParallelProblems})");
        }
        if (Model is not null && ParallelProblems > 1)
        {
            errors.Add("--parallel-problems applies to --endpoint runs; the in-process model solves one problem at a time");
        }
    }
}
