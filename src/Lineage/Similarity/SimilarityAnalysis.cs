using System.Buffers;
using Kinship.Lineage.Genealogy;
using Kinship.Randomness;

namespace Kinship.Lineage.Similarity;

/// <summary>
/// The study's genetic-similarity analysis (§3): sample the eight patterns (or, for a pattern with no more instances than
/// the sample size, take every instance once), fit the vocabularies on every model's DNA in two streamed passes, measure
/// each distinct pair three ways once per run and summarise every pair class by mean and bootstrap interval.
/// Only the DNA of sampled models is held in memory, so a Hub of millions of models fits in a few gigabytes.
/// </summary>
public static class SimilarityAnalysis
{
    private const int BatchSize = 8_192;

    /// <summary>Runs the analysis over <paramref name="graph"/> with DNA from <paramref name="source"/>.</summary>
    public static SimilarityResult Run(LineageGraph graph, IDnaSource source, SimilarityOptions options,
        IProgress<SimilarityProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var threads = options.Threads > 0 ? options.Threads : Environment.ProcessorCount;

        progress?.Report(new SimilarityProgress("sampling patterns", 0, SubgraphPatterns.All.Count));
        var sampler = new PatternSampler(graph);
        var samples = new List<SampledPairs>();
        var multiplicities = new Dictionary<string, long>();
        for (var p = 0; p < SubgraphPatterns.All.Count; p++)
        {
            var pattern = SubgraphPatterns.All[p];
            var multiplicity = sampler.Multiplicity(pattern);
            multiplicities[pattern.Name()] = multiplicity;
            // Sampling with replacement is pointless when there are no more instances than draws: take each one once (exact).
            samples.AddRange(multiplicity <= options.Samples
                ? sampler.Enumerate(pattern)
                : sampler.Sample(pattern, options.Samples, SeededRandom.Derive(options.Seed, 1, p)));
            progress?.Report(new SimilarityProgress("sampling patterns", p + 1, SubgraphPatterns.All.Count));
        }
        var needed = new bool[graph.NodeCount];
        foreach (var s in samples)
        {
            foreach (var a in s.First) needed[a] = true;
            foreach (var b in s.Second) needed[b] = true;
        }

        var rows = new List<SimilarityRow>();
        var corpora = new List<DnaCorpusSummary>();
        var pairsMeasured = new Dictionary<string, long>();
        foreach (var kind in options.Dna)
        {
            var (vocabulary, documents, distinct) = FitAndKeep(graph.NodeCount, source, kind, needed, options, threads, progress, cancellationToken);
            corpora.Add(new DnaCorpusSummary(kind.Name(), vocabulary.DocumentCount, distinct, vocabulary.Count,
                [.. Enumerable.Range(0, vocabulary.Count).OrderByDescending(i => vocabulary.TermFrequencies[i]).ThenBy(i => vocabulary.Terms[i], StringComparer.Ordinal).Take(20).Select(i => vocabulary.Terms[i])]));
            var cache = MeasureDistinctPairs(samples, documents, vocabulary, kind, threads, progress, cancellationToken);
            pairsMeasured[kind.Name()] = cache.Count;
            foreach (var s in samples)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var values = InstanceValues(s, cache, out var valid, out var skipped);
                for (var m = 0; m < SimilarityMeasures.All.Count; m++)
                {
                    var measure = SimilarityMeasures.All[m];
                    var column = values[m].AsSpan(0, valid);
                    MeanInterval? interval = valid == 0 ? null : Bootstrap.MeanWithInterval(column, options.Resamples,
                        SeededRandom.Derive(options.Seed, 2, (int)kind, (int)measure, (int)s.Pair.Pattern, s.Pair.Index));
                    rows.Add(new SimilarityRow(kind.Name(), measure.Name(), s.Pair.Pattern.Name(), s.Pair.Name, s.Pair.GenerationsApart,
                        valid, interval?.Mean, interval?.Low, interval?.High, skipped, s.Exhaustive));
                }
            }
        }
        return new SimilarityResult(rows, SimilarityVerdict.Check(rows), multiplicities, corpora, options) { PairsMeasured = pairsMeasured };
    }

    private static long Key(int a, int b) => a < b ? ((long)a << 32) | (uint)b : ((long)b << 32) | (uint)a;

    /// <summary>
    /// Measures every distinct unordered pair of the samples whose two models both have this DNA, once each (a pair drawn
    /// by several patterns or several times is measured once); progress counts only pairs actually measured.
    /// </summary>
    private static Dictionary<long, (double Levenshtein, double BagOfWords, double TfIdf)> MeasureDistinctPairs(
        List<SampledPairs> samples, Dictionary<int, string> documents, NgramVocabulary vocabulary, DnaKind kind, int threads,
        IProgress<SimilarityProgress>? progress, CancellationToken cancellationToken)
    {
        var keys = new HashSet<long>();
        foreach (var s in samples)
        {
            for (var i = 0; i < s.Count; i++)
            {
                if (documents.ContainsKey(s.First[i]) && documents.ContainsKey(s.Second[i]))
                {
                    keys.Add(Key(s.First[i], s.Second[i]));
                }
            }
        }
        var pairs = keys.ToArray();
        Array.Sort(pairs);
        var values = new (double, double, double)[pairs.Length];
        var stage = $"measuring {kind.Name()} pairs";
        var done = 0L;
        if (pairs.Length == 0)
        {
            return [];
        }
        progress?.Report(new SimilarityProgress(stage, 0, pairs.Length));
        var features = vocabulary.Count;
        Parallel.For(0, pairs.Length, new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellationToken },
            () => ArrayPool<float>.Shared.Rent(2 * features), (i, _, buffer) =>
        {
            var a = documents[(int)(pairs[i] >> 32)];
            var b = documents[(int)(uint)pairs[i]];
            var span = buffer.AsSpan(0, 2 * features);
            var countsA = span[..features];
            var countsB = span.Slice(features, features);
            vocabulary.CountTerms(a, countsA);
            vocabulary.CountTerms(b, countsB);
            // TF-IDF cosine in double precision, as scikit-learn's float64 rows
            values[i] = (SimilarityMeasures.NormalizedLevenshtein(a, b), SimilarityMeasures.Cosine(countsA, countsB), vocabulary.TfIdfCosine(countsA, countsB));
            var n = Interlocked.Increment(ref done);
            if (n % 256 == 0)
            {
                progress?.Report(new SimilarityProgress(stage, n, pairs.Length));
            }
            return buffer;
        }, buffer => ArrayPool<float>.Shared.Return(buffer));
        progress?.Report(new SimilarityProgress(stage, pairs.Length, pairs.Length));
        var cache = new Dictionary<long, (double, double, double)>(pairs.Length);
        for (var i = 0; i < pairs.Length; i++)
        {
            cache[pairs[i]] = values[i];
        }
        return cache;
    }

    /// <summary>
    /// One value column per measure, one value per instance with a measured pair (valid instances first, in sample order):
    /// the pair's similarity, or for an exhaustive group the mean over its measured orderings.
    /// </summary>
    private static double[][] InstanceValues(SampledPairs sample, Dictionary<long, (double Levenshtein, double BagOfWords, double TfIdf)> cache,
        out int valid, out int skipped)
    {
        var instances = sample.Instances;
        var raw = new double[SimilarityMeasures.All.Count][];
        for (var m = 0; m < raw.Length; m++)
        {
            raw[m] = new double[instances];
        }
        valid = 0;
        for (var g = 0; g < instances; g++)
        {
            double lev = 0, bow = 0, tfidf = 0;
            var found = 0;
            for (var i = g * sample.Group; i < (g + 1) * sample.Group; i++)
            {
                if (cache.TryGetValue(Key(sample.First[i], sample.Second[i]), out var v))
                {
                    lev += v.Levenshtein;
                    bow += v.BagOfWords;
                    tfidf += v.TfIdf;
                    found++;
                }
            }
            if (found == 0)
            {
                continue;
            }
            for (var m = 0; m < raw.Length; m++)
            {
                raw[m][valid] = SimilarityMeasures.All[m] switch
                {
                    SimilarityMeasure.Levenshtein => lev / found,
                    SimilarityMeasure.BagOfWords => bow / found,
                    _ => tfidf / found,
                };
            }
            valid++;
        }
        skipped = instances - valid;
        return raw;
    }

    /// <summary>Pass 1 counts every term; pass 2 counts the candidate terms exactly and keeps the DNA of sampled models.</summary>
    private static (NgramVocabulary Vocabulary, Dictionary<int, string> Documents, long DistinctTerms) FitAndKeep(
        int nodeCount, IDnaSource source, DnaKind kind, bool[] needed, SimilarityOptions options, int threads,
        IProgress<SimilarityProgress>? progress, CancellationToken cancellationToken)
    {
        var builder = new NgramVocabularyBuilder(options.MaxFeatures, threads);
        var batch = new List<string>(BatchSize);
        long seen = 0;
        var stage = $"fitting {kind.Name()} vocabulary (pass 1 of 2)";
        foreach (var item in source.Read(kind, cancellationToken))
        {
            if ((uint)item.Node >= (uint)nodeCount)
            {
                continue;
            }
            if (DnaDocuments.Dna(kind, item.Text, options.MetadataFormat) is { } dna)
            {
                batch.Add(dna);
            }
            if (batch.Count == BatchSize)
            {
                builder.CountFirstPass(batch);
                batch.Clear();
            }
            if (++seen % 65_536 == 0)
            {
                progress?.Report(new SimilarityProgress(stage, seen, nodeCount));
            }
        }
        builder.CountFirstPass(batch);
        batch.Clear();
        progress?.Report(new SimilarityProgress(stage, seen, nodeCount));
        var distinct = builder.DistinctTerms;
        builder.EndFirstPass();

        stage = $"fitting {kind.Name()} vocabulary (pass 2 of 2)";
        var kept = new Dictionary<int, string>();
        seen = 0;
        foreach (var item in source.Read(kind, cancellationToken))
        {
            if ((uint)item.Node >= (uint)nodeCount)
            {
                continue;
            }
            if (DnaDocuments.Dna(kind, item.Text, options.MetadataFormat) is { } dna)
            {
                batch.Add(dna);
                if (needed[item.Node])
                {
                    kept[item.Node] = dna;
                }
            }
            if (batch.Count == BatchSize)
            {
                builder.CountSecondPass(batch);
                batch.Clear();
            }
            if (++seen % 65_536 == 0)
            {
                progress?.Report(new SimilarityProgress(stage, seen, nodeCount));
            }
        }
        builder.CountSecondPass(batch);
        progress?.Report(new SimilarityProgress(stage, seen, nodeCount));
        return (builder.Build(), kept, distinct);
    }
}
