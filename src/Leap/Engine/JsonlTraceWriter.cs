using System.Text;

namespace Kinship.Leap.Engine;

/// <summary>
/// Writes a run's trace as JSON lines to a temporary file beside <see cref="Path"/>; <see cref="Commit"/> renames it into place,
/// so a crashed or cancelled run never leaves a half-written trace under the final name.
/// </summary>
public sealed class JsonlTraceWriter : ILeapObserver, IDisposable
{
    private readonly Kinship.Files.AtomicFile file;
    private readonly bool includeTimings;

    /// <summary>Opens the trace for <paramref name="path"/>; <paramref name="includeTimings"/> false leaves wall-clock fields out.</summary>
    public JsonlTraceWriter(string path, bool includeTimings)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        this.includeTimings = includeTimings;
        file = Kinship.Files.AtomicFile.Create(Path);
    }

    /// <summary>The trace's final path.</summary>
    public string Path { get; }

    /// <inheritdoc/>
    public void OnEvent(TraceEvent traceEvent) => file.Text.WriteLine(LeapJson.TraceLine(traceEvent, includeTimings));

    /// <inheritdoc/>
    public void OnTokens(int path, string delta, int tokensDecoded)
    {
    }

    /// <summary>Flushes and moves the trace into place.</summary>
    public void Commit()
    {
        file.Commit();
    }

    /// <summary>Closes the trace; without <see cref="Commit"/> the temporary file is removed.</summary>
    public void Dispose()
    {
        file.Dispose();
    }
}
