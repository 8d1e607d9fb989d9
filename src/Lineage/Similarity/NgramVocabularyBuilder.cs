namespace Kinship.Lineage.Similarity;

/// <summary>
/// Fits an <see cref="NgramVocabulary"/> over a corpus too large to hold, in two streamed passes: the first counts every
/// term by 64-bit hash (sharded over threads by hash, so no merge is needed), the second counts the exact strings and
/// document frequencies of the terms that can be among the most frequent. Feed both passes the same documents.
/// </summary>
/// <remarks>
/// Which terms survive the cut is scikit-learn's rule (<c>CountVectorizer._limit_features</c>): the features sorted by
/// code point form the array <c>tfs</c> of corpus term frequencies, and the first <c>max_features</c> indices of
/// <c>(-tfs).argsort()</c> are kept. NumPy's default argsort is an unstable introsort, so when terms tie at the cut which of
/// them are kept depends on the whole array; the second pass then records every distinct term (memory grows with the
/// corpus's vocabulary, as scikit-learn's own does) and <see cref="NumpyArgsort"/> replays numpy's sort.
/// </remarks>
public sealed class NgramVocabularyBuilder
{
    private readonly int _maxFeatures;
    private readonly int _shards;
    private TermCountTable[]? _tables;
    private Dictionary<ulong, int>? _candidates;
    private SecondPassCounts[]? _second;
    private TermCountTable[]? _allCounts;
    private Dictionary<ulong, string>[]? _allTerms;
    private long _firstPassDocuments;
    private long _secondPassDocuments;

    /// <summary>Creates a builder keeping <paramref name="maxFeatures"/> terms, counting over <paramref name="shards"/> threads.</summary>
    public NgramVocabularyBuilder(int maxFeatures = 512, int shards = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFeatures, 1);
        _maxFeatures = maxFeatures;
        _shards = shards > 0 ? shards : Math.Clamp(Environment.ProcessorCount, 1, 8);
        _tables = new TermCountTable[_shards];
        for (var s = 0; s < _shards; s++)
        {
            _tables[s] = new TermCountTable();
        }
    }

    /// <summary>Documents seen in the first pass (n of the idf).</summary>
    public long DocumentCount => _firstPassDocuments;

    /// <summary>Distinct terms seen in the first pass (available until <see cref="EndFirstPass"/>).</summary>
    public long DistinctTerms => _tables?.Sum(t => (long)t.Count) ?? 0;

    /// <summary>Counts a batch of documents in the first pass.</summary>
    public void CountFirstPass(IReadOnlyList<string> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var tables = _tables ?? throw new InvalidOperationException("the first pass has ended");
        _firstPassDocuments += documents.Count;
        if (_shards == 1)
        {
            CountShard(documents, tables[0], 0, 1);
            return;
        }
        Parallel.For(0, _shards, new ParallelOptions { MaxDegreeOfParallelism = _shards }, s => CountShard(documents, tables[s], s, _shards));
    }

    /// <summary>Ends the first pass: keeps the hashes that can be among the most frequent terms and frees the counts.</summary>
    public void EndFirstPass()
    {
        var tables = _tables ?? throw new InvalidOperationException("the first pass has already ended");
        // Every term whose hashed count reaches the k-th largest is a candidate (ties at the cut included).
        var threshold = GlobalThreshold(tables, _maxFeatures);
        _candidates = [];
        foreach (var table in tables)
        {
            foreach (var key in table.KeysAtLeast(threshold))
            {
                _candidates[key] = _candidates.Count;
            }
        }
        _tables = null;
        if (_candidates.Count > _maxFeatures)
        {
            // Terms tie at the cut: scikit-learn's choice among them needs every term's count and code-point rank.
            _allCounts = tables;
            _allTerms = new Dictionary<ulong, string>[_shards];
            for (var s = 0; s < _shards; s++)
            {
                _allTerms[s] = new Dictionary<ulong, string>(tables[s].Count);
            }
        }
        _second = new SecondPassCounts[_shards];
        for (var s = 0; s < _shards; s++)
        {
            _second[s] = new SecondPassCounts(_candidates.Count);
        }
    }

    /// <summary>True when terms tie at the cut, so the second pass records every distinct term (available after <see cref="EndFirstPass"/>).</summary>
    public bool TieAtCut => _allTerms is not null;

    /// <summary>Counts a batch of documents in the second pass (the same documents, in any batching).</summary>
    public void CountSecondPass(IReadOnlyList<string> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var candidates = _candidates ?? throw new InvalidOperationException("call EndFirstPass before the second pass");
        var second = _second!;
        var baseDocument = _secondPassDocuments;
        _secondPassDocuments += documents.Count;
        if (_allTerms is { } allTerms)
        {
            // Sharded by hash (as the first pass), so every term's string is kept once.
            if (_shards == 1)
            {
                RecordShard(documents, baseDocument, candidates, second[0], allTerms[0], 0, 1);
                return;
            }
            Parallel.For(0, _shards, new ParallelOptions { MaxDegreeOfParallelism = _shards },
                s => RecordShard(documents, baseDocument, candidates, second[s], allTerms[s], (ulong)s, (ulong)_shards));
            return;
        }
        if (_shards == 1 || documents.Count < 64)
        {
            CountCandidates(documents, 0, documents.Count, baseDocument, candidates, second[0]);
            return;
        }
        var chunk = (documents.Count + _shards - 1) / _shards;
        Parallel.For(0, _shards, new ParallelOptions { MaxDegreeOfParallelism = _shards }, s =>
        {
            var from = s * chunk;
            var to = Math.Min(documents.Count, from + chunk);
            if (from < to)
            {
                CountCandidates(documents, from, to, baseDocument, candidates, second[s]);
            }
        });
    }

    /// <summary>The fitted vocabulary: the most frequent terms (ties at the cut decided as scikit-learn does), in code-point order, with their document frequencies.</summary>
    public NgramVocabulary Build()
    {
        var second = _second ?? throw new InvalidOperationException("call EndFirstPass and CountSecondPass before Build");
        if (_secondPassDocuments != _firstPassDocuments)
        {
            throw new InvalidOperationException($"the second pass saw {_secondPassDocuments} documents, the first {_firstPassDocuments}");
        }
        var count = _candidates!.Count;
        var terms = new List<(string Term, long Tf, int Df)>(count);
        for (var c = 0; c < count; c++)
        {
            string? term = null;
            long tf = 0;
            var df = 0;
            foreach (var shard in second)
            {
                if (shard.Terms[c] is { } t && (term is null || term == t))
                {
                    term = t;
                    tf += shard.TermFrequency[c];
                    df += shard.DocumentFrequency[c];
                }
            }
            if (term is not null)
            {
                terms.Add((term, tf, df));
            }
        }
        if (terms.Count > _maxFeatures)
        {
            var kept = _allTerms is not null ? KeptByNumpyOrder() : null;
            if (kept is not null)
            {
                terms.RemoveAll(t => !kept.Contains(t.Term));
            }
            else
            {
                terms.Sort(static (a, b) => a.Tf != b.Tf ? b.Tf.CompareTo(a.Tf) : PythonText.CompareCodePoints(a.Term, b.Term));
                terms.RemoveRange(_maxFeatures, terms.Count - _maxFeatures);
            }
        }
        terms.Sort(static (a, b) => PythonText.CompareCodePoints(a.Term, b.Term));
        return new NgramVocabulary([.. terms.Select(t => t.Term)], [.. terms.Select(t => t.Tf)], [.. terms.Select(t => t.Df)], _firstPassDocuments);
    }

    /// <summary>scikit-learn's cut over every distinct term: the first max_features of numpy's argsort of -tf in code-point order.</summary>
    private HashSet<string> KeptByNumpyOrder()
    {
        var all = new List<(string Term, long Tf)>();
        for (var s = 0; s < _shards; s++)
        {
            foreach (var (hash, term) in _allTerms![s])
            {
                all.Add((term, _allCounts![s].CountOf(hash)));
            }
        }
        all.Sort(static (a, b) => PythonText.CompareCodePoints(a.Term, b.Term));
        var negated = new long[all.Count];
        for (var i = 0; i < negated.Length; i++)
        {
            negated[i] = -all[i].Tf;
        }
        var order = NumpyArgsort.Argsort(negated);
        var kept = new HashSet<string>(_maxFeatures, StringComparer.Ordinal);
        for (var i = 0; i < Math.Min(_maxFeatures, order.Length); i++)
        {
            kept.Add(all[order[i]].Term);
        }
        return kept;
    }

    private static void RecordShard(IReadOnlyList<string> documents, long baseDocument, Dictionary<ulong, int> candidates,
        SecondPassCounts counts, Dictionary<ulong, string> terms, ulong shard, ulong shards)
    {
        for (var i = 0; i < documents.Count; i++)
        {
            var sink = new RecordingSink(candidates, counts, terms, baseDocument + i, shard, shards);
            NgramTerms.Scan(documents[i], ref sink);
        }
    }

    private static int GlobalThreshold(TermCountTable[] tables, int k)
    {
        if (tables.Length == 1)
        {
            return tables[0].KthLargestCount(k);
        }
        // The global top k lie within the union of each shard's top k.
        var heap = new PriorityQueue<int, int>(k);
        foreach (var table in tables)
        {
            var kth = table.KthLargestCount(k);
            foreach (var count in table.CountsAtLeast(kth))
            {
                if (heap.Count < k)
                {
                    heap.Enqueue(count, count);
                }
                else if (count > heap.Peek())
                {
                    heap.EnqueueDequeue(count, count);
                }
            }
        }
        return heap.Count < k ? 1 : heap.Peek();
    }

    private static void CountShard(IReadOnlyList<string> documents, TermCountTable table, int shard, int shards)
    {
        var sink = new FirstPassSink(table, (ulong)shard, (ulong)shards);
        for (var i = 0; i < documents.Count; i++)
        {
            NgramTerms.Scan(documents[i], ref sink);
        }
    }

    private static void CountCandidates(IReadOnlyList<string> documents, int from, int to, long baseDocument,
        Dictionary<ulong, int> candidates, SecondPassCounts counts)
    {
        for (var i = from; i < to; i++)
        {
            var sink = new SecondPassSink(candidates, counts, baseDocument + i);
            NgramTerms.Scan(documents[i], ref sink);
        }
    }

    private struct FirstPassSink(TermCountTable table, ulong shard, ulong shards) : ITermSink
    {
        public readonly void Term(ulong hash, ReadOnlySpan<char> first, ReadOnlySpan<char> second)
        {
            // Shard by the top bits so each shard's table indexes with well-spread low bits.
            if (shards == 1 || (hash >> 56) % shards == shard)
            {
                table.Increment(hash);
            }
        }
    }

    private struct SecondPassSink(Dictionary<ulong, int> candidates, SecondPassCounts counts, long document) : ITermSink
    {
        public readonly void Term(ulong hash, ReadOnlySpan<char> first, ReadOnlySpan<char> second)
        {
            if (candidates.TryGetValue(hash, out var c))
            {
                Count(counts, c, first, second, document);
            }
        }
    }

    private struct RecordingSink(Dictionary<ulong, int> candidates, SecondPassCounts counts, Dictionary<ulong, string> terms,
        long document, ulong shard, ulong shards) : ITermSink
    {
        public readonly void Term(ulong hash, ReadOnlySpan<char> first, ReadOnlySpan<char> second)
        {
            if (shards != 1 && (hash >> 56) % shards != shard)
            {
                return;
            }
            if (!terms.ContainsKey(hash))
            {
                terms.Add(hash, NgramTerms.Materialize(first, second));
            }
            if (candidates.TryGetValue(hash, out var c))
            {
                Count(counts, c, first, second, document);
            }
        }
    }

    private static void Count(SecondPassCounts counts, int c, ReadOnlySpan<char> first, ReadOnlySpan<char> second, long document)
    {
        var term = counts.Terms[c];
        if (term is null)
        {
            counts.Terms[c] = NgramTerms.Materialize(first, second);
        }
        else if (!NgramTerms.Matches(term, first, second))
        {
            return; // a 64-bit hash collision with a candidate; the other term is not a candidate
        }
        counts.TermFrequency[c]++;
        if (counts.LastDocument[c] != document)
        {
            counts.LastDocument[c] = document;
            counts.DocumentFrequency[c]++;
        }
    }

    private sealed class SecondPassCounts
    {
        public SecondPassCounts(int candidates)
        {
            Terms = new string?[candidates];
            TermFrequency = new long[candidates];
            DocumentFrequency = new int[candidates];
            LastDocument = new long[candidates];
            Array.Fill(LastDocument, -1L);
        }

        public string?[] Terms { get; }
        public long[] TermFrequency { get; }
        public int[] DocumentFrequency { get; }
        public long[] LastDocument { get; }
    }
}
