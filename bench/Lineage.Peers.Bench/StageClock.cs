using System.Diagnostics;
using Kinship.Lineage.Catalog;

namespace Kinship.Lineage.Peers.Bench;

/// <summary>
/// Seconds an import spends in each of its stages (reading, merging, committing), summed over the sources, from the
/// importer's own progress reports; <see cref="Close"/> adds the time from the last source's end to the call's return
/// (DuckDB's checkpoint at close). Reports arrive on the importing thread, so no locking.
/// </summary>
internal sealed class StageClock : IProgress<ImportProgress>
{
    private readonly Dictionary<string, double> _seconds = [];
    private string? _stage;
    private long _since;

    public void Report(ImportProgress value)
    {
        if (value.Stage == _stage)
        {
            return;
        }
        var now = Stopwatch.GetTimestamp();
        if (_stage is not null and not "done")
        {
            _seconds[_stage] = _seconds.GetValueOrDefault(_stage) + Stopwatch.GetElapsedTime(_since, now).TotalSeconds;
        }
        _stage = value.Stage;
        _since = now;
    }

    /// <summary>Call when the import returned: the time since the last source was done is the close.</summary>
    public Dictionary<string, double> Close()
    {
        _seconds["close"] = _stage == "done" ? Stopwatch.GetElapsedTime(_since).TotalSeconds : 0;
        return _seconds;
    }
}
