using Kinship.Leap.Evaluation;

namespace Kinship.Leap.Tests.Evaluation;

public sealed class EvaluationMetricsTests
{
    private static readonly Func<string, string, bool> Math = AnswerGrader.SameAnswer(multipleChoice: false);

    private static PathResult P(string? answer, bool correct, long decoded = 10, long prefilled = 5, long received = 2) =>
        new(answer, correct, true, decoded, prefilled, received);

    [Fact]
    public void Majority_groups_equivalent_answers_not_equal_strings()
    {
        var vote = EvaluationMetrics.Majority(["\\frac{1}{2}", "3", "0.5", "3", "1/2"], Math);
        Assert.Equal(new VoteResult("\\frac{1}{2}", 0, 3), vote);
    }

    [Fact]
    public void Majority_tie_goes_to_the_answer_that_appeared_first()
    {
        Assert.Equal(new VoteResult("7", 1, 2), EvaluationMetrics.Majority([null, "7", "9", "9", "07"], Math));
    }

    [Fact]
    public void Majority_ignores_unanswered_paths_and_is_none_when_nobody_answered()
    {
        Assert.Equal(new VoteResult("4", 2, 1), EvaluationMetrics.Majority([null, "", "4"], Math));
        Assert.Equal(VoteResult.None, EvaluationMetrics.Majority([null, null], Math));
    }

    [Fact]
    public void Shortest_majority_prefers_the_answer_backed_by_shorter_solutions()
    {
        // 7: 2 votes / mean 200 = 0.01; 9: 1 vote / 50 = 0.02.
        Assert.Equal(new VoteResult("9", 2, 1), EvaluationMetrics.ShortestMajority(["7", "7", "9"], [100, 300, 50], Math));
        // 7: 2 / 100 = 0.02 beats 9: 1 / 80 = 0.0125.
        Assert.Equal(new VoteResult("7", 0, 2), EvaluationMetrics.ShortestMajority(["7", "7", "9"], [100, 100, 80], Math));
        // Equal scores: first occurrence.
        Assert.Equal(new VoteResult("9", 0, 1), EvaluationMetrics.ShortestMajority(["9", "7"], [50, 50], Math));
    }

    [Theory]
    [InlineData(32, 32, DifficultyBucket.Easy)]
    [InlineData(31, 32, DifficultyBucket.Moderate)]
    [InlineData(25, 32, DifficultyBucket.Moderate)]
    [InlineData(24, 32, DifficultyBucket.Medium)]
    [InlineData(9, 32, DifficultyBucket.Medium)]
    [InlineData(8, 32, DifficultyBucket.Hard)]
    [InlineData(1, 32, DifficultyBucket.Hard)]
    [InlineData(0, 32, DifficultyBucket.VeryHard)]
    [InlineData(4, 4, DifficultyBucket.Easy)]
    [InlineData(3, 4, DifficultyBucket.Medium)]
    [InlineData(1, 4, DifficultyBucket.Hard)]
    [InlineData(7, 8, DifficultyBucket.Moderate)]
    public void Buckets_use_the_papers_cut_points_scaled_to_N(int correct, int paths, DifficultyBucket expected)
    {
        Assert.Equal(expected, EvaluationMetrics.Bucket(correct, paths));
    }

    [Fact]
    public void Pass_at_1_and_cons_at_N_and_token_totals_are_exact()
    {
        var a = new BenchmarkItem("a", "p", "5");
        var b = new BenchmarkItem("b", "p", "12");
        var c = new BenchmarkItem("c", "p", "C", ["x", "y", "z", "w"]);
        ProblemResult[] problems =
        [
            // 3 of 4 correct, vote 5 (correct).
            EvaluationMetrics.Score(a, [P("5", true, 100), P("05", true, 200), P("6", false, 50), P("5", true, 100)], promptTokens: 40, seconds: 2.0, trace: "traces/a.jsonl"),
            // 1 of 4 correct, vote 11 (wrong); shortest-majority picks 12 (1/10 beats 3/300).
            EvaluationMetrics.Score(b, [P("11", false, 300), P("11", false, 300), P("12", true, 10), P("11", false, 300)], 40, 3.0, null),
            // multiple choice: 2 of 4, tie C vs B broken by first occurrence (B).
            EvaluationMetrics.Score(c, [P("B", false), P("C", true), P("C", true), P("B", false)], 30, 1.0, null),
        ];
        Assert.Equal([true, false, false], problems.Select(p => p.VoteCorrect));
        Assert.Equal([true, true, false], problems.Select(p => p.ShortestVoteCorrect));
        var summary = EvaluationMetrics.Summarize(problems);
        Assert.Equal(3, summary.Problems);
        Assert.Equal(4, summary.Paths);
        Assert.Equal((0.75 + 0.25 + 0.5) / 3, summary.PassAt1, 12);
        Assert.Equal(1.0 / 3, summary.ConsAtN, 12);
        Assert.Equal(2.0 / 3, summary.ShortestMajorityAtN, 12);
        Assert.Equal(450 + 910 + 40, summary.TokensDecoded);
        Assert.Equal(110 + 12 * 5, summary.TokensPrefilled);
        Assert.Equal(24, summary.TokensReceived);
        Assert.Equal(6.0, summary.Seconds);
        Assert.Equal(0, summary.Buckets[DifficultyBucket.Easy]);
        Assert.Equal(2, summary.Buckets[DifficultyBucket.Medium]);
        Assert.Equal(1, summary.Buckets[DifficultyBucket.Hard]);
    }
}
