namespace Kinship.Leap.Routing;

/// <summary>How alike two summaries are, on [0, 1].</summary>
public enum SimilarityMeasure
{
    /// <summary>1 − Levenshtein(a, b) / max(|a|, |b|): the LeaP paper's Eq. 4 (the default).</summary>
    Levenshtein,
    /// <summary>1 − InDel(a, b) / (|a| + |b|), insert/delete distance: what the paper's released code computed.</summary>
    InDel,
}
