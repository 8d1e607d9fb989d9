using System.Buffers;
using Kinship.Lineage.Genealogy;

namespace Kinship.Lineage.Similarity;

/// <summary>
/// The study's genetic-similarity analysis (§3): sample the eight patterns, fit the vocabularies on every model's DNA in
/// two streamed passes, measure each sampled pair three ways and summarise every pair class by mean and bootstrap interval.
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
            multiplicities[pattern.Name()] = sampler.Multiplicity(pattern);
            samples.AddRange(sampler.Sample(pattern, options.Samples, SeededRandom.Derive(options.Seed, 1, p)));
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
        foreach (var kind in options.Dna)
        {
            var (vocabulary, documents, distinct) = FitAndKeep(graph.NodeCount, source, kind, needed, options, threads, progress, cancellationToken);
            corpora.Add(new DnaCorpusSummary(kind.Name(), vocabulary.DocumentCount, distinct, vocabulary.Count,
                [.. Enumerable.Range(0, vocabulary.Count).OrderByDescending(i => vocabulary.TermFrequencies[i]).ThenBy(i => vocabulary.Terms[i], StringComparer.Ordinal).Take(20).Select(i => vocabulary.Terms[i])]));
            var measured = 0L;
            var totalPairs = samples.Sum(s => (long)s.Count);
            foreach (var s in samples)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var values = Measure(s, documents, vocabulary, threads, out var valid, out var skipped);
                for (var m = 0; m < SimilarityMeasures.All.Count; m++)
                {
                    var measure = SimilarityMeasures.All[m];
                    var column = values[m].AsSpan(0, valid);
                    MeanInterval? interval = valid == 0 ? null : Bootstrap.MeanWithInterval(column, options.Resamples,
                        SeededRandom.Derive(options.Seed, 2, (int)kind, (int)measure, (int)s.Pair.Pattern, s.Pair.Index));
                    rows.Add(new SimilarityRow(kind.Name(), measure.Name(), s.Pair.Pattern.Name(), s.Pair.Name, s.Pair.GenerationsApart,
                        valid, interval?.Mean, interval?.Low, interval?.High, skipped));
                }
                measured += s.Count;
                progress?.Report(new SimilarityProgress($"measuring {kind.Name()} pairs", measured, totalPairs));
            }
        }
        return new SimilarityResult(rows, SimilarityVerdict.Check(rows), multiplicities, corpora, options);
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

    /// <summary>Measures every pair with both DNA documents; returns one value column per measure (valid pairs first, in sample order).</summary>
    private static double[][] Measure(SampledPairs sample, Dictionary<int, string> documents, NgramVocabulary vocabulary,
        int threads, out int valid, out int skipped)
    {
        var n = sample.Count;
        var raw = new double[SimilarityMeasures.All.Count][];
        for (var m = 0; m < raw.Length; m++)
        {
            raw[m] = new double[n];
        }
        var ok = new bool[n];
        var features = vocabulary.Count;
        Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = threads }, () => ArrayPool<float>.Shared.Rent(4 * features), (i, _, buffer) =>
        {
            if (!documents.TryGetValue(sample.First[i], out var a) || !documents.TryGetValue(sample.Second[i], out var b))
            {
                return buffer;
            }
            ok[i] = true;
            var span = buffer.AsSpan(0, 4 * features);
            var countsA = span[..features];
            var countsB = span.Slice(features, features);
            vocabulary.CountTerms(a, countsA);
            vocabulary.CountTerms(b, countsB);
            for (var m = 0; m < raw.Length; m++)
            {
                raw[m][i] = SimilarityMeasures.All[m] switch
                {
                    SimilarityMeasure.Levenshtein => SimilarityMeasures.NormalizedLevenshtein(a, b),
                    SimilarityMeasure.BagOfWords => SimilarityMeasures.Cosine(countsA, countsB),
                    _ => vocabulary.TfIdfCosine(countsA, countsB), // double precision, as scikit-learn's float64 rows
                };
            }
            return buffer;
        }, buffer => ArrayPool<float>.Shared.Return(buffer));
        valid = 0;
        for (var i = 0; i < n; i++)
        {
            if (!ok[i])
            {
                continue;
            }
            for (var m = 0; m < raw.Length; m++)
            {
                raw[m][valid] = raw[m][i];
            }
            valid++;
        }
        skipped = n - valid;
        return raw;
    }
}
