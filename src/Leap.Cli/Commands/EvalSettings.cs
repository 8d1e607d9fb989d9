using System.ComponentModel;
using Kinship.Leap.Engine;
using Kinship.Leap.Evaluation;
using Kinship.Leap.Prompting;
using Kinship.Leap.Routing;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Kinship.Leap.Cli.Commands;

/// <summary>Options of <c>leap eval</c>.</summary>
public sealed class EvalSettings : CommandSettings
{
    [CommandOption("--benchmark <FILE>")]
    [Description("Benchmark file: a JSON array (AIME/AIMO/GPQA style) or JSON Lines with problem, answer, optional options and id.")]
    public string Benchmark { get; init; } = "";

    [CommandOption("--model <FILE>")]
    [Description("GGUF model run in process (llama.cpp).")]
    public string? Model { get; init; }

    [CommandOption("--endpoint <URL>")]
    [Description("OpenAI-compatible server (repeat for a pool); each path stays on one endpoint.")]
    public string[] Endpoints { get; init; } = [];

    [CommandOption("--served-model <NAME>")]
    [Description("Model name the server serves (with --endpoint).")]
    public string? ServedModel { get; init; }

    [CommandOption("--method <METHOD>")]
    [Description("leap (default) or independent (N independent samples, same budget and answer forcing).")]
    [DefaultValue("leap")]
    public string Method { get; init; } = "leap";

    [CommandOption("--out <DIR>")]
    [Description("Output folder: run.json, results.jsonl, traces/, summary.json. Rerun into it to resume.")]
    public string Out { get; init; } = "";

    [CommandOption("--force-prefix <FILE>")]
    [Description("Text every path starts from (the prefix-dominance study).")]
    public string? ForcePrefix { get; init; }

    [CommandOption("--limit <N>")]
    public int? Limit { get; init; }

    [CommandOption("--ids <IDS>")]
    [Description("Comma-separated problem ids to run.")]
    public string? Ids { get; init; }

    [CommandOption("--shuffle-seed <SEED>")]
    [Description("Shuffle the problem order with this seed (before --limit).")]
    public ulong? ShuffleSeed { get; init; }

    [CommandOption("--option-seed <SEED>")]
    [Description("Seed of the per-item multiple-choice option shuffle.")]
    [DefaultValue(20250512UL)]
    public ulong OptionSeed { get; init; } = 20250512;

    [CommandOption("--keep-option-order")]
    [Description("Do not shuffle multiple-choice options.")]
    public bool KeepOptionOrder { get; init; }

    [CommandOption("--paths <N>")]
    [DefaultValue(4)]
    public int Paths { get; init; } = 4;

    [CommandOption("--interval <T>")]
    [DefaultValue(4096)]
    public int Interval { get; init; } = 4096;

    [CommandOption("--budget <M>")]
    [DefaultValue(4)]
    public int Budget { get; init; } = 4;

    [CommandOption("--summary-tokens <S>")]
    [DefaultValue(256)]
    public int SummaryTokens { get; init; } = 256;

    [CommandOption("--top-k <K>")]
    [DefaultValue(4)]
    public int PeerCount { get; init; } = 4;

    [CommandOption("--router <ROUTER>")]
    [DefaultValue(RouterKind.Dispersed)]
    public RouterKind Router { get; init; } = RouterKind.Dispersed;

    [CommandOption("--similarity <MEASURE>")]
    [DefaultValue(SimilarityMeasure.Levenshtein)]
    public SimilarityMeasure Similarity { get; init; } = SimilarityMeasure.Levenshtein;

    [CommandOption("--temperature <T>")]
    [DefaultValue(0.6)]
    public double Temperature { get; init; } = 0.6;

    [CommandOption("--top-p <P>")]
    [DefaultValue(0.95)]
    public double TopP { get; init; } = 0.95;

    [CommandOption("--sample-top-k <K>")]
    [DefaultValue(40)]
    public int SampleTopK { get; init; } = 40;

    [CommandOption("--min-p <P>")]
    [DefaultValue(0.05)]
    public double MinP { get; init; } = 0.05;

    [CommandOption("--seed <SEED>")]
    [DefaultValue(0UL)]
    public ulong Seed { get; init; }

    [CommandOption("--template <TEMPLATE>")]
    [Description("Chat template: backend (the GGUF's own), chatml, deepseekr1, llama3, raw. With --endpoint pick a named one.")]
    [DefaultValue(ChatTemplateKind.Backend)]
    public ChatTemplateKind Template { get; init; } = ChatTemplateKind.Backend;

    [CommandOption("--rounds <LIST>")]
    [Description("Rounds that communicate, 1-based, e.g. 1,3 (round r follows segment r); all (default) or none. 1 alone is the paper's single communication")]
    public string? Rounds { get; init; }

    [CommandOption("--self-trigger")]
    public bool SelfTrigger { get; init; }

    [CommandOption("--context <TOKENS>")]
    [Description("Context per sequence for --model (default: sized from the budget, capped at the model's trained context).")]
    public int? Context { get; init; }

    [CommandOption("--parallel-problems <N>")]
    [Description("Problems solved at once (useful with --endpoint).")]
    [DefaultValue(1)]
    public int ParallelProblems { get; init; } = 1;

    [CommandOption("--max-concurrency <N>")]
    [Description("Requests in flight per endpoint.")]
    [DefaultValue(16)]
    public int MaxConcurrency { get; init; } = 16;

    [CommandOption("--request-timeout <SECONDS>")]
    [Description("A request with no data for this long is retried.")]
    [DefaultValue(120.0)]
    public double RequestTimeout { get; init; } = 120;

    [CommandOption("--retries <N>")]
    [DefaultValue(6)]
    public int Retries { get; init; } = 6;

    /// <summary>The evaluation method.</summary>
    public EvaluationMethod EvaluationMethod => Method.Equals("independent", StringComparison.OrdinalIgnoreCase) ? EvaluationMethod.Independent : EvaluationMethod.Leap;

    /// <summary>The engine options.</summary>
    public LeapOptions LeapOptions => new()
    {
        Paths = Paths, Interval = Interval, Budget = Budget, SummaryTokens = SummaryTokens, PeerCount = PeerCount, Router = Router,
        Similarity = Similarity, Temperature = Temperature, TopP = TopP, SampleTopK = SampleTopK, MinP = MinP, Seed = Seed,
        Template = Template, SelfTrigger = SelfTrigger,
        CommunicationRounds = Kinship.Leap.Engine.LeapOptions.ChosenRounds(Rounds),
    };

    /// <summary>The problem selection.</summary>
    public BenchmarkSelection Selection => new()
    {
        Limit = Limit,
        Ids = Ids?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        ShuffleSeed = ShuffleSeed,
    };

    public override ValidationResult Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Benchmark))
        {
            errors.Add("--benchmark FILE is required");
        }
        else if (!File.Exists(Benchmark))
        {
            errors.Add($"--benchmark {Benchmark}: file not found");
        }
        if (string.IsNullOrWhiteSpace(Out))
        {
            errors.Add("--out DIR is required");
        }
        if ((Model is null) == (Endpoints.Length == 0))
        {
            errors.Add("give either --model FILE.gguf or --endpoint URL (with --served-model NAME)");
        }
        if (Model is not null && !File.Exists(Model))
        {
            errors.Add($"--model {Model}: file not found");
        }
        if (Endpoints.Length > 0 && string.IsNullOrWhiteSpace(ServedModel))
        {
            errors.Add("--served-model NAME is required with --endpoint");
        }
        foreach (var e in Endpoints)
        {
            if (!Uri.TryCreate(e, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                errors.Add($"--endpoint {e}: not an http:// or https:// URL");
            }
        }
        if (!Method.Equals("leap", StringComparison.OrdinalIgnoreCase) && !Method.Equals("independent", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"--method must be leap or independent (got {Method})");
        }
        if (ForcePrefix is not null && !File.Exists(ForcePrefix))
        {
            errors.Add($"--force-prefix {ForcePrefix}: file not found");
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
        if (Context is < 16)
        {
            errors.Add($"--context must be at least 16 (got {Context})");
        }
        if (!(RequestTimeout > 0))
        {
            errors.Add($"--request-timeout must be positive (got {RequestTimeout})");
        }
        if (Rounds is not null && !Kinship.Leap.Engine.LeapOptions.TryParseRounds(Rounds, out _, out var roundsError))
        {
            errors.Add(roundsError);
        }
        errors.AddRange(LeapOptions.Validate());
        return errors.Count == 0 ? ValidationResult.Success() : ValidationResult.Error(string.Join(Environment.NewLine, errors));
    }
}
