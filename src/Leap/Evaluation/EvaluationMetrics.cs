namespace Kinship.Leap.Evaluation;

/// <summary>The LeaP paper's metrics (§3.1, §5): Pass@1, Cons@N by majority vote, shortest-majority vote, difficulty buckets, token totals.</summary>
public static class EvaluationMetrics
{
    /// <summary>
    /// Majority vote (Cons@N): answers are grouped by <paramref name="same"/> (equivalence, not string identity), the largest
    /// group wins, ties go to the group whose first answer came first; unanswered paths do not vote.
    /// </summary>
    public static VoteResult Majority(IReadOnlyList<string?> answers, Func<string, string, bool> same)
    {
        var groups = Group(answers, same);
        if (groups.Count == 0)
        {
            return VoteResult.None;
        }
        var best = groups[0];
        foreach (var g in groups)
        {
            if (g.Members.Count > best.Members.Count)
            {
                best = g;
            }
        }
        return new VoteResult(answers[best.First], best.First, best.Members.Count);
    }

    /// <summary>
    /// Shortest-majority vote (after Zeng et al. 2025, cited by the LeaP paper): each answer group scores
    /// votes ÷ mean length (decoded tokens) of the paths that gave it, so an answer backed by shorter solutions beats an
    /// equally popular one reached by longer ones; the highest score wins, ties by first occurrence. Lengths of 0 count as 1.
    /// Example: answers [7, 7, 9] with lengths [100, 300, 50] score 7 → 2/200 = 0.01, 9 → 1/50 = 0.02, so 9 wins.
    /// </summary>
    public static VoteResult ShortestMajority(IReadOnlyList<string?> answers, IReadOnlyList<long> lengths, Func<string, string, bool> same)
    {
        ArgumentNullException.ThrowIfNull(lengths);
        if (lengths.Count != answers.Count)
        {
            throw new ArgumentException("one length per answer is required", nameof(lengths));
        }
        var groups = Group(answers, same);
        if (groups.Count == 0)
        {
            return VoteResult.None;
        }
        (AnswerGroup Group, double Score)? best = null;
        foreach (var g in groups)
        {
            var meanLength = g.Members.Average(i => (double)Math.Max(1, lengths[i]));
            var score = g.Members.Count / meanLength;
            if (best is null || score > best.Value.Score)
            {
                best = (g, score);
            }
        }
        var winner = best!.Value.Group;
        return new VoteResult(answers[winner.First], winner.First, winner.Members.Count);
    }

    /// <summary>The difficulty bucket of a problem with <paramref name="correct"/> of <paramref name="paths"/> paths correct.</summary>
    public static DifficultyBucket Bucket(int correct, int paths)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(correct);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(correct, paths);
        if (correct == 0)
        {
            return DifficultyBucket.VeryHard;
        }
        if (correct == paths)
        {
            return DifficultyBucket.Easy;
        }
        // The paper's cut points for 32 samples: 25 and 9 correct.
        var scaled = 32L * correct;
        return scaled >= 25L * paths ? DifficultyBucket.Moderate : scaled >= 9L * paths ? DifficultyBucket.Medium : DifficultyBucket.Hard;
    }

    /// <summary>Pass@1: the mean over problems of the mean correctness of their paths.</summary>
    public static double PassAt1(IReadOnlyList<ProblemResult> problems) =>
        problems.Count == 0 ? 0 : problems.Average(p => p.PassAt1);

    /// <summary>Cons@N: the share of problems whose majority answer is correct.</summary>
    public static double ConsAtN(IReadOnlyList<ProblemResult> problems) =>
        problems.Count == 0 ? 0 : problems.Count(p => p.VoteCorrect) / (double)problems.Count;

    /// <summary>The totals of a run.</summary>
    public static EvaluationSummary Summarize(IReadOnlyList<ProblemResult> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var buckets = Enum.GetValues<DifficultyBucket>().ToDictionary(b => b, b => problems.Count(p => p.Bucket == b));
        var paths = problems.Sum(p => p.Paths.Count);
        return new EvaluationSummary(
            problems.Count,
            problems.Count == 0 ? 0 : problems.Max(p => p.Paths.Count),
            PassAt1(problems),
            ConsAtN(problems),
            problems.Count == 0 ? 0 : problems.Count(p => p.ShortestVoteCorrect) / (double)problems.Count,
            paths == 0 ? 0 : problems.Sum(p => p.Paths.Count(x => x.Answer is null)) / (double)paths,
            buckets,
            problems.Sum(p => p.Paths.Sum(x => x.TokensDecoded)),
            problems.Sum(p => p.PromptTokens + p.Paths.Sum(x => x.TokensPrefilled)),
            problems.Sum(p => p.Paths.Sum(x => x.TokensReceived)),
            problems.Sum(p => p.Seconds));
    }

    /// <summary>Builds a problem's result from its graded paths: both votes and whether they are right.</summary>
    public static ProblemResult Score(BenchmarkItem item, IReadOnlyList<PathResult> paths, long promptTokens, double seconds, string? trace)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(paths);
        var same = AnswerGrader.SameAnswer(item.IsMultipleChoice);
        var answers = paths.Select(p => p.Answer).ToArray();
        var vote = Majority(answers, same);
        var shortest = ShortestMajority(answers, paths.Select(p => p.TokensDecoded).ToArray(), same);
        return new ProblemResult
        {
            Id = item.Id,
            Reference = item.Answer,
            Paths = paths,
            Vote = vote,
            VoteCorrect = vote.PathIndex >= 0 && paths[vote.PathIndex].Correct,
            ShortestVote = shortest,
            ShortestVoteCorrect = shortest.PathIndex >= 0 && paths[shortest.PathIndex].Correct,
            PromptTokens = promptTokens,
            Seconds = seconds,
            Trace = trace,
        };
    }

    private sealed record AnswerGroup(int First, List<int> Members);

    private static List<AnswerGroup> Group(IReadOnlyList<string?> answers, Func<string, string, bool> same)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(same);
        var groups = new List<AnswerGroup>();
        for (var i = 0; i < answers.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(answers[i]))
            {
                continue;
            }
            var group = groups.FirstOrDefault(g => same(answers[g.First]!, answers[i]!));
            if (group is null)
            {
                groups.Add(new AnswerGroup(i, [i]));
            }
            else
            {
                group.Members.Add(i);
            }
        }
        return groups;
    }
}
