using Kinship.Lineage.Similarity;

namespace Kinship.Lineage.Tests.Similarity;

/// <summary>Reports progress synchronously (Progress&lt;T&gt; posts to the thread pool) and serialises reports from parallel workers.</summary>
internal sealed class SyncProgress(Action<SimilarityProgress> report) : IProgress<SimilarityProgress>
{
    private readonly Lock _gate = new();

    public void Report(SimilarityProgress value)
    {
        lock (_gate)
        {
            report(value);
        }
    }
}
