namespace Kinship.Leap.Evaluation;

/// <summary>One benchmark problem: a math item (free-form answer) or a multiple-choice item (options and the correct letter).</summary>
/// <param name="Id">Stable identifier used by <c>--ids</c>, resume and results (from the file, or derived; see <see cref="BenchmarkLoader"/>).</param>
/// <param name="Problem">The problem text as written in the file.</param>
/// <param name="Answer">The reference answer: a math expression, or for multiple choice the correct letter after shuffling.</param>
/// <param name="Options">Multiple-choice options in presentation order (option 0 is "A"), or null for a math item.</param>
public sealed record BenchmarkItem(string Id, string Problem, string Answer, IReadOnlyList<string>? Options = null)
{
    /// <summary>True when the item is multiple choice.</summary>
    public bool IsMultipleChoice => Options is not null;

    /// <summary>The letter naming option <paramref name="index"/> (0 → "A").</summary>
    public static string Letter(int index) => ((char)('A' + index)).ToString();
}
