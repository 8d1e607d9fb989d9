using Kinship.Leap.Prompting;

namespace Kinship.Leap.Engine;

/// <summary>
/// The most tokens one path can hold: prompt + M·T reasoning + (M − 1)·(summary request + S + closing + comment block with
/// k peer summaries) + forced answer; the LeaP paper §2.9 accounting made exact for this prompt book.
/// </summary>
/// <param name="Prompt">Prompt tokens.</param>
/// <param name="Reasoning">M·T.</param>
/// <param name="Rounds">M − 1.</param>
/// <param name="PerRound">Tokens one round can add to a path.</param>
/// <param name="ForcedAnswer">Forced-answer text plus S.</param>
public sealed record ContextBudget(int Prompt, long Reasoning, int Rounds, long PerRound, long ForcedAnswer)
{
    /// <summary>Tokens of slack per piece of text, for tokenizer merges at the seams.</summary>
    private const int Seam = 2;

    /// <summary>The total a path can reach.</summary>
    public long Total => Prompt + Reasoning + (Rounds * PerRound) + ForcedAnswer;

    /// <summary>Computes the budget of <paramref name="options"/> for a prompt of <paramref name="promptTokens"/> tokens.</summary>
    public static ContextBudget For(LeapOptions options, ProblemKind kind, int promptTokens, Func<string, int> countTokens, PromptBook book)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(countTokens);
        ArgumentNullException.ThrowIfNull(book);
        var trigger = book.RecapTriggers.Max(t => countTokens("\n\n" + t + " " + PromptBook.SummarizeOpen + " ")) + Seam;
        var opening = book.SummaryOpenings.Max(countTokens) + Seam;
        var closing = countTokens("... " + PromptBook.SummarizeClose) + Seam;
        var peers = options.PeersPerRound;
        var frame = Math.Max(
            countTokens(book.CommentBlock(Enumerable.Repeat("", peers).ToArray())),
            countTokens(book.CommentBlock([]))) + Seam;
        var perRound = trigger + opening + options.SummaryTokens + closing + frame + ((long)peers * (opening + options.SummaryTokens + Seam));
        var forced = countTokens(book.ForcedAnswer(kind)) + Seam + options.SummaryTokens;
        return new ContextBudget(promptTokens, (long)options.Budget * options.Interval, options.Rounds, perRound, forced);
    }

    /// <summary>Context a serving backend allocates per sequence when nothing larger is asked for.</summary>
    public const int ServingDefault = 8192;

    /// <summary>Context assumed for a model whose file does not say what it was trained with.</summary>
    public const int UntrainedDefault = 2048;

    /// <summary>Smallest context worth allocating.</summary>
    public const int Minimum = 64;

    /// <summary>
    /// An upper bound on the tokens a path of <paramref name="problem"/> can reach, computed before any tokenizer is loaded: the exact
    /// budget formula with every text counted as UTF-8 bytes + 1 (no tokenizer makes more tokens than that) plus chat-template markup.
    /// </summary>
    public static long UpperBound(LeapOptions options, Problem problem, PromptBook? book = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(problem);
        book ??= PromptBook.Default;
        const int TemplateMarkup = 64;
        var prompt = Bound(book.UserMessage(problem, options.SelfTrigger)) + Bound(book.AssistantPrefix(problem.Kind, options.SelfTrigger)) + TemplateMarkup;
        return For(options, problem.Kind, prompt, Bound, book).Total;

        static int Bound(string text) => System.Text.Encoding.UTF8.GetByteCount(text) + 1;
    }

    /// <summary>
    /// The one context-sizing rule of every front end: the <paramref name="requested"/> context when given; otherwise what the work
    /// <paramref name="needs"/> (or <see cref="ServingDefault"/> when it is open-ended, as a server's is), capped at the model's
    /// <paramref name="trainedContext"/> and never below <see cref="Minimum"/>.
    /// </summary>
    public static int Size(int? requested, long? needs, long? trainedContext)
    {
        if (requested is { } given)
        {
            return given;
        }
        var size = needs ?? ServingDefault;
        size = Math.Min(size, trainedContext ?? (needs is null ? UntrainedDefault : size));
        return (int)Math.Clamp(size, Minimum, int.MaxValue);
    }

    /// <summary>Throws <see cref="LeapConfigurationException"/> naming every term when the budget exceeds <paramref name="contextTokens"/>.</summary>
    public void EnsureFits(int contextTokens, LeapOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (Total > contextTokens)
        {
            throw new LeapConfigurationException(
                $"a path may need {Total} tokens of context (prompt {Prompt} + {options.Budget}×{options.Interval} reasoning + " +
                $"{Rounds} round(s) × {PerRound} for summaries and peer comments + {ForcedAnswer} for a forced answer) but the model's " +
                $"context holds {contextTokens}; lower --interval, --budget (or -n/--n-predict), --summary-tokens or --peers, or give the model a larger context (-c/--ctx-size)");
        }
    }
}
