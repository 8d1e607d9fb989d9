namespace Kinship.Lineage.Similarity;

/// <summary>The three similarity measures of the study (§3.2).</summary>
public enum SimilarityMeasure
{
    /// <summary>Normalized Levenshtein similarity 1 − d(a,b)/max(|a|,|b|).</summary>
    Levenshtein = 0,

    /// <summary>Cosine of 512-term unigram+bigram count vectors.</summary>
    BagOfWords = 1,

    /// <summary>Cosine of l2-normalized smooth-idf TF-IDF vectors over the same terms.</summary>
    TfIdf = 2,
}
