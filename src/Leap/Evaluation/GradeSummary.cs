namespace Kinship.Leap.Evaluation;

/// <summary>The outcome of grading a predictions file: graded lines, correct ones, lines with no answer found, and bad lines (each message names file:line).</summary>
public sealed record GradeSummary(int Graded, int Correct, int Unanswered, IReadOnlyList<string> Errors)
{
    /// <summary>Correct over graded (0 when nothing was graded).</summary>
    public double Accuracy => Graded == 0 ? 0 : (double)Correct / Graded;
}
