namespace Kinship.Leap.Evaluation;

/// <summary>Extraction plus equivalence: grades a path's text (or a whole saved model output, or a bare answer) against a reference answer.</summary>
public static class AnswerGrader
{
    /// <summary>Grades <paramref name="pathText"/> against <paramref name="item"/>'s answer.</summary>
    public static GradedAnswer Grade(string pathText, BenchmarkItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return Grade(pathText, item.Answer, item.Options);
    }

    /// <summary>
    /// Grades <paramref name="pathText"/> against <paramref name="reference"/>; with <paramref name="options"/> it is
    /// multiple choice and the reference is a letter (or the text of one option). The result names the deciding rule.
    /// </summary>
    public static GradedAnswer Grade(string pathText, string reference, IReadOnlyList<string>? options = null)
    {
        ArgumentNullException.ThrowIfNull(pathText);
        ArgumentNullException.ThrowIfNull(reference);
        if (options is null)
        {
            var (extracted, extraction) = AnswerExtractor.FindMath(pathText);
            var verdict = AnswerEquivalence.Decide(extracted, reference);
            return new GradedAnswer(extracted, verdict.Equal, verdict.Rule) { Extraction = extraction };
        }
        var (letter, how) = AnswerExtractor.FindChoice(pathText, options);
        var correct = AnswerEquivalence.SameChoice(letter, ReferenceLetter(reference, options));
        return new GradedAnswer(letter, correct, letter is null ? "no-answer" : how == "choice-text" ? "choice-text" : "choice") { Extraction = how };
    }

    /// <summary>The same-answer relation used for voting: equivalence for math, same letter for multiple choice.</summary>
    public static Func<string, string, bool> SameAnswer(bool multipleChoice) =>
        multipleChoice ? (a, b) => AnswerEquivalence.SameChoice(a, b) : (a, b) => AnswerEquivalence.AreEquivalent(a, b);

    private static string ReferenceLetter(string reference, IReadOnlyList<string> options)
    {
        var trimmed = reference.Trim().Trim('(', ')', '.', ' ');
        if (trimmed.Length == 1 && char.IsAsciiLetter(trimmed[0]))
        {
            return trimmed.ToUpperInvariant();
        }
        for (var i = 0; i < options.Count; i++)
        {
            if (string.Equals(options[i].Trim(), reference.Trim(), StringComparison.Ordinal))
            {
                return BenchmarkItem.Letter(i);
            }
        }
        return reference;
    }
}
