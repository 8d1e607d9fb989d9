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

    /// <summary>Throws <see cref="LeapConfigurationException"/> naming every term when the budget exceeds <paramref name="contextTokens"/>.</summary>
    public void EnsureFits(int contextTokens, LeapOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (Total > contextTokens)
        {
            throw new LeapConfigurationException(
                $"a path may need {Total} tokens of context (prompt {Prompt} + {options.Budget}×{options.Interval} reasoning + " +
                $"{Rounds} round(s) × {PerRound} for summaries and peer comments + {ForcedAnswer} for a forced answer) but the model's " +
                $"context holds {contextTokens}; lower --interval, --budget, --summary-tokens or --top-k, or give the model a larger context");
        }
    }
}
