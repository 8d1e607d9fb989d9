using System.ComponentModel;
using System.Globalization;
using Kinship.Leap.Engine;
using Kinship.Leap.Prompting;
using Kinship.Leap.Routing;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Kinship.Leap.Cli.Solve;

/// <summary>Options of <c>leap solve</c>; validates itself and turns into <see cref="LeapOptions"/>.</summary>
public sealed class SolveSettings : CommandSettings
{
    [CommandArgument(0, "[PROBLEM]")]
    [Description("The problem text (or use --file)")]
    public string? Problem { get; init; }

    [CommandOption("-m|--model <FILE>")]
    [Description("GGUF model file (a reasoning model, e.g. a DeepSeek-R1-Distill-Qwen GGUF)")]
    public string? Model { get; init; }

    [CommandOption("-f|--file <FILE>")]
    [Description("Read the problem from a UTF-8 text file")]
    public string? File { get; init; }

    [CommandOption("--choice <TEXT>")]
    [Description("A multiple-choice option (repeat, in order A, B, ...); makes the problem multiple choice")]
    public string[] Choices { get; init; } = [];

    [CommandOption("-n|--paths <N>")]
    [Description("Parallel reasoning paths N (default 4)")]
    public int Paths { get; init; } = 4;

    [CommandOption("-t|--interval <T>")]
    [Description("Tokens per segment T between rounds of peer comments (default 4096)")]
    public int Interval { get; init; } = 4096;

    [CommandOption("--budget <M>")]
    [Description("Segments per path M; M − 1 rounds of summaries and comments (default 4)")]
    public int Budget { get; init; } = 4;

    [CommandOption("--summary-tokens <S>")]
    [Description("Token cap S of a summary and of a forced answer (default 256)")]
    public int SummaryTokens { get; init; } = 256;

    [CommandOption("-k|--top-k <K>")]
    [Description("Peers each path hears per round (default 4)")]
    public int TopK { get; init; } = 4;

    [CommandOption("--router <ROUTER>")]
    [Description("dispersed (least similar, default), clustered (most similar), hybrid, random or all")]
    public string Router { get; init; } = "dispersed";

    [CommandOption("--similarity <MEASURE>")]
    [Description("levenshtein (the paper's, default) or indel (the released code's)")]
    public string Similarity { get; init; } = "levenshtein";

    [CommandOption("--temperature <T>")]
    [Description("Sampling temperature (default 0.6)")]
    public double Temperature { get; init; } = 0.6;

    [CommandOption("--top-p <P>")]
    [Description("Nucleus sampling mass (default 0.95)")]
    public double TopP { get; init; } = 0.95;

    [CommandOption("--sample-top-k <K>")]
    [Description("Top-k sampling cut-off (default 40; 0 = none)")]
    public int SampleTopK { get; init; } = 40;

    [CommandOption("--min-p <P>")]
    [Description("Min-p sampling cut-off (default 0.05)")]
    public double MinP { get; init; } = 0.05;

    [CommandOption("--seed <SEED>")]
    [Description("Run seed: the same seed gives the same run (default 0)")]
    public ulong Seed { get; init; }

    [CommandOption("--template <NAME>")]
    [Description("Chat template: backend (the model's own, default), chatml, deepseek-r1, llama3 or raw")]
    public string Template { get; init; } = "backend";

    [CommandOption("--rounds <LIST>")]
    [Description("Rounds that communicate, 1-based, e.g. 1,3 (round r follows segment r); all (default) or none. 1 alone is the paper's single communication")]
    public string? Rounds { get; init; }

    [CommandOption("--self-trigger")]
    [Description("LeaP-T mode: the model may write <summarize> itself to start a round early")]
    public bool SelfTrigger { get; init; }

    [CommandOption("--no-drop-paragraph")]
    [Description("Keep a segment's dangling last paragraph before summarizing")]
    public bool NoDropParagraph { get; init; }

    [CommandOption("--trace <FILE>")]
    [Description("Write every event of the run as JSON lines to FILE")]
    public string? Trace { get; init; }

    [CommandOption("--json")]
    [Description("Print one JSON object with the paths, rounds and vote instead of the live view")]
    public bool Json { get; init; }

    [CommandOption("--no-timings")]
    [Description("Leave wall-clock fields out of --json and --trace so equal seeds give byte-identical output")]
    public bool NoTimings { get; init; }

    [CommandOption("--threads <N>")]
    [Description("CPU threads for llama.cpp (default 2)")]
    public int Threads { get; init; } = 2;

    /// <inheritdoc/>
    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Model))
        {
            return ValidationResult.Error("--model FILE.gguf is required");
        }
        if (!System.IO.File.Exists(Model))
        {
            return ValidationResult.Error($"model file not found: {Path.GetFullPath(Model)}");
        }
        if (string.IsNullOrWhiteSpace(Problem) == string.IsNullOrWhiteSpace(File))
        {
            return ValidationResult.Error("give the problem either as an argument or with --file, not both and not neither");
        }
        if (File is not null && !System.IO.File.Exists(File))
        {
            return ValidationResult.Error($"problem file not found: {Path.GetFullPath(File)}");
        }
        if (Choices.Length == 1 || Choices.Length > 26)
        {
            return ValidationResult.Error($"a multiple-choice problem needs 2 to 26 --choice options (got {Choices.Length})");
        }
        if (Threads < 1)
        {
            return ValidationResult.Error($"--threads must be at least 1 (got {Threads})");
        }
        if (ParseRouter() is null)
        {
            return ValidationResult.Error($"--router must be dispersed, clustered, hybrid, random or all (got '{Router}')");
        }
        if (ParseSimilarity() is null)
        {
            return ValidationResult.Error($"--similarity must be levenshtein or indel (got '{Similarity}')");
        }
        if (ChatTemplates.Parse(Template) is null)
        {
            return ValidationResult.Error($"--template must be backend, chatml, deepseek-r1, llama3 or raw (got '{Template}')");
        }
        if (Rounds is not null && !LeapOptions.TryParseRounds(Rounds, out _, out var roundsError))
        {
            return ValidationResult.Error(roundsError);
        }
        var errors = ToOptions().Validate();
        return errors.Count == 0 ? ValidationResult.Success() : ValidationResult.Error(string.Join("; ", errors));
    }

    /// <summary>The engine options these settings describe (call after <see cref="Validate"/>).</summary>
    public LeapOptions ToOptions() => new()
    {
        Paths = Paths,
        Interval = Interval,
        Budget = Budget,
        SummaryTokens = SummaryTokens,
        PeerCount = TopK,
        Router = ParseRouter() ?? RouterKind.Dispersed,
        Similarity = ParseSimilarity() ?? SimilarityMeasure.Levenshtein,
        Temperature = Temperature,
        TopP = TopP,
        SampleTopK = SampleTopK,
        MinP = MinP,
        Seed = Seed,
        Template = ChatTemplates.Parse(Template) ?? ChatTemplateKind.Backend,
        SelfTrigger = SelfTrigger,
        CommunicationRounds = LeapOptions.ChosenRounds(Rounds),
        DropLastParagraph = !NoDropParagraph,
    };

    /// <summary>The problem from the argument or the file, multiple choice when --choice options are given.</summary>
    public Problem ReadProblem()
    {
        var text = File is null ? Problem! : System.IO.File.ReadAllText(File);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new LeapConfigurationException($"the problem in {(File is null ? "the argument" : Path.GetFullPath(File))} is empty");
        }
        return Choices.Length > 0 ? Prompting.Problem.MultipleChoice(text.Trim(), Choices) : Prompting.Problem.Math(text.Trim());
    }

    private RouterKind? ParseRouter() => Enum.TryParse<RouterKind>(Router, ignoreCase: true, out var r) && Enum.IsDefined(r) && !int.TryParse(Router, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) ? r : null;

    private SimilarityMeasure? ParseSimilarity() => Similarity.ToLowerInvariant() switch
    {
        "levenshtein" => SimilarityMeasure.Levenshtein,
        "indel" => SimilarityMeasure.InDel,
        _ => null,
    };
}
