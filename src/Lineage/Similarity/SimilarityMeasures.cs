namespace Kinship.Lineage.Similarity;

/// <summary>The study's similarity measures (§3.2) over DNA strings and term vectors.</summary>
public static class SimilarityMeasures
{
    /// <summary>Every measure, in report order.</summary>
    public static readonly IReadOnlyList<SimilarityMeasure> All = [SimilarityMeasure.TfIdf, SimilarityMeasure.BagOfWords, SimilarityMeasure.Levenshtein];

    /// <summary>Result name of a measure (<c>levenshtein</c>, <c>bow</c>, <c>tfidf</c>).</summary>
    public static string Name(this SimilarityMeasure measure) => measure switch
    {
        SimilarityMeasure.Levenshtein => "levenshtein",
        SimilarityMeasure.BagOfWords => "bow",
        _ => "tfidf",
    };

    /// <summary>Display label of a measure.</summary>
    public static string Label(this SimilarityMeasure measure) => measure switch
    {
        SimilarityMeasure.Levenshtein => "Levenshtein",
        SimilarityMeasure.BagOfWords => "Bag of words",
        _ => "TF-IDF",
    };

    /// <summary>
    /// Normalized Levenshtein similarity (study §3.2.1): 1 − d(a,b) / max(|a|,|b|), where d counts single-character
    /// insertions, deletions and substitutions and characters are code points (as Python counts them); 1 for two empty
    /// strings, 0 when exactly one is empty.
    /// </summary>
    public static double NormalizedLevenshtein(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var longest = Math.Max(Levenshtein.CodePointCount(a), Levenshtein.CodePointCount(b));
        if (longest == 0)
        {
            return 1.0;
        }
        var distance = Levenshtein.Distance(a, b);
        return 1.0 - (double)distance / longest;
    }

    /// <summary>Cosine similarity of two equal-length vectors; 0 when either is all zeros (as scikit-learn's cosine_similarity).</summary>
    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"vector lengths differ: {a.Length} and {b.Length}", nameof(b));
        }
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            double x = a[i], y = b[i];
            dot += x * y;
            na += x * x;
            nb += y * y;
        }
        return na == 0 || nb == 0 ? 0.0 : dot / (Math.Sqrt(na) * Math.Sqrt(nb));
    }
}
