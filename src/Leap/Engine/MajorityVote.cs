namespace Kinship.Leap.Engine;

/// <summary>Cons@N: the most frequent answer among the paths (ties go to the answer that first reached the winning count in path order).</summary>
public static class MajorityVote
{
    /// <summary>The majority answer, or null when no path answered.</summary>
    public static string? Of(IEnumerable<string?> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        string? best = null;
        var bestCount = 0;
        foreach (var answer in answers)
        {
            if (string.IsNullOrWhiteSpace(answer))
            {
                continue;
            }
            var count = counts[answer] = counts.GetValueOrDefault(answer) + 1;
            if (count > bestCount)
            {
                best = answer;
                bestCount = count;
            }
        }
        return best;
    }
}
