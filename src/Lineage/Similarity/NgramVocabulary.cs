using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Kinship.Lineage.Similarity;

/// <summary>
/// A fitted unigram+bigram vocabulary, the equivalent of scikit-learn's <c>CountVectorizer</c>/<c>TfidfVectorizer</c> with
/// <c>max_features</c>, <c>ngram_range=(1,2)</c>, lower-casing and the default token pattern (study §3.2.2–3): features are
/// the most frequent terms over the corpus (ties at the cut as scikit-learn breaks them), in code-point order; idf is smooth, ln((1+n)/(1+df)) + 1.
/// </summary>
public sealed class NgramVocabulary
{
    private readonly string[] _terms;
    private readonly long[] _termFrequencies;
    private readonly int[] _documentFrequencies;
    private readonly double[] _idf;
    private readonly Dictionary<ulong, int> _byHash;

    internal NgramVocabulary(string[] terms, long[] termFrequencies, int[] documentFrequencies, long documentCount)
    {
        _terms = terms;
        _termFrequencies = termFrequencies;
        _documentFrequencies = documentFrequencies;
        DocumentCount = documentCount;
        _idf = new double[terms.Length];
        _byHash = new Dictionary<ulong, int>(terms.Length);
        for (var i = 0; i < terms.Length; i++)
        {
            _idf[i] = Math.Log((1.0 + documentCount) / (1.0 + documentFrequencies[i])) + 1.0;
            _byHash.TryAdd(NgramTerms.Hash(terms[i]), i);
        }
    }

    /// <summary>The feature terms in code-point order, as scikit-learn's <c>get_feature_names_out()</c> (a bigram is "first second").</summary>
    public IReadOnlyList<string> Terms => _terms;

    /// <summary>Corpus occurrences of each feature term.</summary>
    public IReadOnlyList<long> TermFrequencies => _termFrequencies;

    /// <summary>Number of documents containing each feature term.</summary>
    public IReadOnlyList<int> DocumentFrequencies => _documentFrequencies;

    /// <summary>Smooth inverse document frequency of each feature term.</summary>
    public IReadOnlyList<double> Idf => _idf;

    /// <summary>Number of documents the vocabulary was fitted on (n in the idf).</summary>
    public long DocumentCount { get; }

    /// <summary>Number of features (at most max_features).</summary>
    public int Count => _terms.Length;

    /// <summary>Fits a vocabulary on in-memory documents (null documents are not part of the corpus).</summary>
    public static NgramVocabulary Fit(IEnumerable<string?> documents, int maxFeatures = 512)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var list = documents.OfType<string>().ToList();
        var builder = new NgramVocabularyBuilder(maxFeatures, shards: 1);
        builder.CountFirstPass(list);
        builder.EndFirstPass();
        builder.CountSecondPass(list);
        return builder.Build();
    }

    /// <summary>Writes the term counts of <paramref name="document"/> into <paramref name="counts"/> (length <see cref="Count"/>).</summary>
    public void CountTerms(ReadOnlySpan<char> document, Span<float> counts)
    {
        if (counts.Length != _terms.Length)
        {
            throw new ArgumentException($"counts has length {counts.Length}, the vocabulary {_terms.Length}", nameof(counts));
        }
        var buffer = System.Buffers.ArrayPool<float>.Shared.Rent(_terms.Length);
        try
        {
            Array.Clear(buffer, 0, _terms.Length);
            var sink = new CountSink(this, buffer);
            NgramTerms.Scan(document, ref sink);
            buffer.AsSpan(0, _terms.Length).CopyTo(counts);
        }
        finally
        {
            System.Buffers.ArrayPool<float>.Shared.Return(buffer);
        }
    }

    /// <summary>Writes the l2-normalized TF-IDF vector of <paramref name="document"/> (all zeros for a document with no feature terms).</summary>
    public void TfIdf(ReadOnlySpan<char> document, Span<float> vector)
    {
        CountTerms(document, vector);
        TfIdfFromCounts(vector, vector);
    }

    /// <summary>Writes the l2-normalized TF-IDF vector of a document given its term counts (may be the same span).</summary>
    public void TfIdfFromCounts(ReadOnlySpan<float> counts, Span<float> vector)
    {
        if (counts.Length != _terms.Length || vector.Length != _terms.Length)
        {
            throw new ArgumentException($"vectors must have the vocabulary's length {_terms.Length}", nameof(vector));
        }
        if (!Unsafe.AreSame(ref MemoryMarshal.GetReference(counts), ref MemoryMarshal.GetReference(vector)))
        {
            counts.CopyTo(vector);
        }
        double norm = 0;
        for (var i = 0; i < vector.Length; i++)
        {
            var w = vector[i] * _idf[i];
            norm += w * w;
        }
        norm = Math.Sqrt(norm);
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = norm == 0 ? 0f : (float)(vector[i] * _idf[i] / norm);
        }
    }

    /// <summary>
    /// Cosine similarity of the TF-IDF vectors of two documents given their term counts, in double precision throughout
    /// (scikit-learn's float64 <c>TfidfVectorizer</c> rows, then <c>cosine_similarity</c>); 0 when either has no feature term.
    /// </summary>
    public double TfIdfCosine(ReadOnlySpan<float> countsA, ReadOnlySpan<float> countsB)
    {
        if (countsA.Length != _terms.Length || countsB.Length != _terms.Length)
        {
            throw new ArgumentException($"counts must have the vocabulary's length {_terms.Length}", nameof(countsB));
        }
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < countsA.Length; i++)
        {
            var x = countsA[i] * _idf[i];
            var y = countsB[i] * _idf[i];
            dot += x * y;
            na += x * x;
            nb += y * y;
        }
        return na == 0 || nb == 0 ? 0.0 : dot / (Math.Sqrt(na) * Math.Sqrt(nb));
    }

    private readonly struct CountSink(NgramVocabulary vocabulary, float[] counts) : ITermSink
    {
        public void Term(ulong hash, ReadOnlySpan<char> first, ReadOnlySpan<char> second)
        {
            if (vocabulary._byHash.TryGetValue(hash, out var index) && NgramTerms.Matches(vocabulary._terms[index], first, second))
            {
                counts[index]++;
            }
        }
    }
}
