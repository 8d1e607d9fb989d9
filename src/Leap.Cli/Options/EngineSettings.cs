using System.ComponentModel;
using System.Globalization;
using Kinship.Cli;
using Kinship.Leap.Engine;
using Kinship.Leap.Prompting;
using Kinship.Leap.Routing;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Kinship.Leap.Cli.Options;

/// <summary>
/// The one definition of the engine and backend options shared by <c>leap solve</c> and <c>leap eval</c>. Options llama.cpp has keep
/// llama.cpp's names and meanings (-m, -c, -t, -n, --temp, --top-k, --top-p, --min-p, --seed); LeaP's own use names that cannot clash:
/// --paths (the paper's N), --interval (T), --budget (M; -n is its token form M × T), --summary-tokens (S), --peers (the paper's Top-k)
/// and --router.
/// </summary>
public abstract class EngineSettings : CommandSettings
{
    /// <summary>Peers a path hears when --peers is not given: the paper's Top-4, at most N − 1.</summary>
    public const int DefaultPeers = 4;

    /// <summary>Segments per path when neither --budget nor -n/--n-predict is given: 4, the paper's 16,384 tokens at T = 4096.</summary>
    public const int DefaultBudget = 4;

    [CommandOption("-m|--model <FILE>")]
    [Description("GGUF model run in process by llama.cpp (a reasoning model, e.g. a DeepSeek-R1-Distill-Qwen GGUF)")]
    public string? Model { get; init; }

    [CommandOption("--endpoint <URL>")]
    [Description("OpenAI-compatible server instead of -m (vLLM, SGLang, llama.cpp's server, leap serve); repeat for a pool, each path stays on one endpoint")]
    public string[] Endpoints { get; init; } = [];

    [CommandOption("--served-model <NAME>")]
    [Description("Model name the --endpoint server serves (its --served-model-name)")]
    public string? ServedModel { get; init; }

    [CommandOption("--api-key <KEY>")]
    [Description("Bearer key sent to --endpoint servers (their --api-key)")]
    public string? ApiKey { get; init; }

    [CommandOption("--max-concurrency <N>")]
    [Description("Requests in flight per --endpoint (default 16)")]
    public int MaxConcurrency { get; init; } = 16;

    [CommandOption("--request-timeout <SECONDS>")]
    [Description("An --endpoint request with no data for this long is retried (default 120)")]
    public double RequestTimeout { get; init; } = 120;

    [CommandOption("--retries <N>")]
    [Description("Retries of a failed --endpoint request, with backoff (default 6)")]
    public int Retries { get; init; } = 6;

    [CommandOption("-c|--ctx-size <TOKENS>")]
    [Description("Context tokens per path (default: sized from N, T, M, S and k, capped at the model's trained context; 32768 for --endpoint)")]
    public int? CtxSize { get; init; }

    [CommandOption("-t|--threads <N>")]
    [Description("CPU threads for llama.cpp (default: the physical cores, as llama.cpp picks)")]
    public int Threads { get; init; } = Kinship.Leap.Backends.Llama.LlamaBackendOptions.DefaultThreads;

    [CommandOption("--paths <N>")]
    [Description("Parallel reasoning paths, the paper's N (default 4)")]
    public int Paths { get; init; } = 4;

    [CommandOption("--interval <T>")]
    [Description("Tokens per segment between rounds of peer comments, the paper's T (default 4096)")]
    public int Interval { get; init; } = 4096;

    [CommandOption("--budget <M>")]
    [Description("Segments per path, the paper's M: M − 1 rounds of summaries and peer comments (default 4, or -n / T)")]
    public int? BudgetSegments { get; init; }

    [CommandOption("-n|--n-predict <TOKENS>")]
    [Description("Reasoning tokens per path, llama.cpp's -n: the paper's total budget M × T (16384 = 4 × 4096), a whole multiple of --interval; instead of --budget")]
    public int? NPredict { get; init; }

    [CommandOption("--summary-tokens <S>")]
    [Description("Token cap of a summary and of a forced answer (default 256)")]
    public int SummaryTokens { get; init; } = 256;

    [CommandOption("--peers <K>")]
    [Description("Peer summaries each path hears per round, the paper's Top-k; must be less than --paths (default 4, at most N − 1)")]
    public int? Peers { get; init; }

    [CommandOption("--router <ROUTER>")]
    [Description("Who hears whom: dispersed (k least similar, default), clustered (k most similar), hybrid, random or all")]
    public string Router { get; init; } = "dispersed";

    [CommandOption("--similarity <MEASURE>")]
    [Description("Summary similarity of the routers: levenshtein (the paper's, default) or indel (the released code's)")]
    public string Similarity { get; init; } = "levenshtein";

    [CommandOption("--temp <T>")]
    [Description("Sampling temperature (default 0.6)")]
    public double Temperature { get; init; } = 0.6;

    [CommandOption("--top-k <K>")]
    [Description("Top-k sampling: keep the K most likely tokens (default 40; 0 = no cut-off)")]
    public int TopK { get; init; } = 40;

    [CommandOption("--top-p <P>")]
    [Description("Top-p (nucleus) sampling mass (default 0.95)")]
    public double TopP { get; init; } = 0.95;

    [CommandOption("--min-p <P>")]
    [Description("Min-p sampling cut-off (default 0.05)")]
    public double MinP { get; init; } = 0.05;

    [CommandOption("--seed <SEED>")]
    [Description("Run seed: the same seed gives the same run (default 0)")]
    public ulong Seed { get; init; }

    [CommandOption("--template <NAME>")]
    [Description("Chat template: backend (the model's own, default), chatml, deepseek-r1, llama3 or raw; with --endpoint name one")]
    public string Template { get; init; } = "backend";

    [CommandOption("--self-trigger")]
    [Description("LeaP-T mode: the model may write <summarize> itself to start a round early")]
    public bool SelfTrigger { get; init; }

    [CommandOption("--self-trigger-mode <MODE>")]
    [Description("With --self-trigger, what the model's own <summarize> leads to: replace (the released code: dropped, then a fresh trigger; default) or continue (the model writes its summary after its tag)")]
    public string SelfTriggerMode { get; init; } = "replace";

    [CommandOption("--rounds <LIST>")]
    [Description("Rounds that communicate, 1-based, e.g. 1,3 (round r follows segment r); all (default) or none. 1 alone is the paper's single communication")]
    public string? Rounds { get; init; }

    [CommandOption("--no-drop-paragraph")]
    [Description("Keep a segment's dangling last paragraph before summarizing")]
    public bool NoDropParagraph { get; init; }

    /// <summary>True when the run uses OpenAI-compatible servers rather than an in-process model.</summary>
    public bool UsesEndpoints => Endpoints.Length > 0;

    /// <summary>Segments the budget M in effect: --budget, or -n/--n-predict divided by T (the paper's total budget is M × T), else 4.</summary>
    public int Budget => BudgetSegments ?? (NPredict is { } n && Interval > 0 && n >= Interval ? n / Interval : DefaultBudget);

    /// <summary>Peers per path k in effect: --peers, or the paper's Top-4 capped at N − 1.</summary>
    public int PeerCount => Peers ?? Math.Max(1, Math.Min(DefaultPeers, Paths - 1));

    /// <inheritdoc/>
    public sealed override ValidationResult Validate()
    {
        var errors = new List<string>();
        ValidateEngine(errors);
        ValidateCommand(errors);
        return errors.Count == 0 ? ValidationResult.Success() : ValidationResult.Error(string.Join("; ", errors));
    }

    /// <summary>Adds the command's own errors (its problem source, output and selection options).</summary>
    protected abstract void ValidateCommand(List<string> errors);

    /// <summary>The engine options these settings describe (call after <see cref="Validate"/>).</summary>
    public LeapOptions ToOptions() => new()
    {
        Paths = Paths,
        Interval = Interval,
        Budget = Budget,
        SummaryTokens = SummaryTokens,
        PeerCount = PeerCount,
        Router = ParseRouter() ?? RouterKind.Dispersed,
        Similarity = ParseSimilarity() ?? SimilarityMeasure.Levenshtein,
        Temperature = Temperature,
        TopP = TopP,
        SampleTopK = TopK,
        MinP = MinP,
        Seed = Seed,
        Template = ChatTemplates.Parse(Template) ?? ChatTemplateKind.Backend,
        SelfTrigger = SelfTrigger,
        SelfTriggerMode = SelfTriggerMode == "continue" ? Kinship.Leap.Engine.SelfTriggerMode.Continue : Kinship.Leap.Engine.SelfTriggerMode.Replace,
        DropLastParagraph = !NoDropParagraph,
        CommunicationRounds = LeapOptions.ChosenRounds(Rounds),
    };

    private void ValidateEngine(List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(Model) == !UsesEndpoints)
        {
            errors.Add("give either -m/--model FILE.gguf or --endpoint URL (with --served-model NAME), not both");
        }
        if (!string.IsNullOrWhiteSpace(Model) && CliPaths.FileError("-m/--model", Model) is { } modelError)
        {
            errors.Add(modelError);
        }
        foreach (var e in Endpoints)
        {
            if (!Uri.TryCreate(e, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                errors.Add($"--endpoint expects an http:// or https:// URL (got '{e}')");
            }
        }
        if (UsesEndpoints && string.IsNullOrWhiteSpace(ServedModel))
        {
            errors.Add("--served-model NAME is required with --endpoint");
        }
        if (MaxConcurrency < 1)
        {
            errors.Add($"--max-concurrency must be at least 1 (got {MaxConcurrency})");
        }
        if (!(RequestTimeout > 0) || double.IsInfinity(RequestTimeout))
        {
            errors.Add($"--request-timeout must be a positive number of seconds (got {RequestTimeout.ToString(CultureInfo.InvariantCulture)})");
        }
        if (Retries < 0)
        {
            errors.Add($"--retries must be 0 or more (got {Retries})");
        }
        if (CtxSize is < 16)
        {
            errors.Add($"-c/--ctx-size must be at least 16 tokens (got {CtxSize})");
        }
        if (Threads < 1)
        {
            errors.Add($"-t/--threads must be at least 1 (got {Threads})");
        }
        if (NPredict is { } predict)
        {
            if (BudgetSegments is not null)
            {
                errors.Add("give -n/--n-predict TOKENS (the budget in tokens) or --budget M (in segments), not both");
            }
            else if (predict < 1 || (Interval >= 1 && predict % Interval != 0))
            {
                errors.Add(Interval >= 1 && predict >= Interval
                    ? $"-n/--n-predict expects a whole multiple of --interval T = {Interval} tokens, the budget being M whole segments (got {predict}; {predict / Interval * Interval} or {(predict / Interval + 1) * Interval} would do)"
                    : $"-n/--n-predict expects a whole multiple of --interval T = {Interval} tokens, the budget being M whole segments (got {predict})");
            }
        }
        if (Peers is { } k && Paths >= 1 && k >= Paths)
        {
            errors.Add($"--peers must be less than --paths: each of N = {Paths} paths hears at most {Paths - 1} peer(s) (got --peers {k})");
        }
        if (ParseRouter() is null)
        {
            errors.Add($"--router must be dispersed, clustered, hybrid, random or all (got '{Router}')");
        }
        if (ParseSimilarity() is null)
        {
            errors.Add($"--similarity must be levenshtein or indel (got '{Similarity}')");
        }
        if (ChatTemplates.Parse(Template) is null)
        {
            errors.Add($"--template must be backend, chatml, deepseek-r1, llama3 or raw (got '{Template}')");
        }
        if (Rounds is not null && !LeapOptions.TryParseRounds(Rounds, out _, out var roundsError))
        {
            errors.Add(roundsError);
            return;
        }
        if (SelfTriggerMode is not ("replace" or "continue"))
        {
            errors.Add($"--self-trigger-mode must be replace or continue (got '{SelfTriggerMode}')");
        }
        errors.AddRange(ToOptions().Validate());
    }

    private RouterKind? ParseRouter() =>
        Enum.TryParse<RouterKind>(Router, ignoreCase: true, out var r) && Enum.IsDefined(r) && !int.TryParse(Router, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) ? r : null;

    private SimilarityMeasure? ParseSimilarity() => Similarity.ToLowerInvariant() switch
    {
        "levenshtein" => SimilarityMeasure.Levenshtein,
        "indel" => SimilarityMeasure.InDel,
        _ => null,
    };
}
