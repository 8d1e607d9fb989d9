using System.Text;

namespace Kinship.Leap.Engine;

/// <summary>
/// Writes a run's trace as JSON lines to a temporary file beside <see cref="Path"/>; <see cref="Commit"/> renames it into place,
/// so a crashed or cancelled run never leaves a half-written trace under the final name.
/// </summary>
public sealed class JsonlTraceWriter : ILeapObserver, IDisposable
{
    private readonly StreamWriter writer;
    private readonly string temporary;
    private readonly bool includeTimings;
    private bool committed;

    /// <summary>Opens the trace for <paramref name="path"/>; <paramref name="includeTimings"/> false leaves wall-clock fields out.</summary>
    public JsonlTraceWriter(string path, bool includeTimings)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        temporary = Path + ".tmp";
        this.includeTimings = includeTimings;
        writer = new StreamWriter(temporary, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { NewLine = "\n" };
    }

    /// <summary>The trace's final path.</summary>
    public string Path { get; }

    /// <inheritdoc/>
    public void OnEvent(TraceEvent traceEvent) => writer.WriteLine(LeapJson.TraceLine(traceEvent, includeTimings));

    /// <inheritdoc/>
    public void OnTokens(int path, string delta, int tokensDecoded)
    {
    }

    /// <summary>Flushes and moves the trace into place.</summary>
    public void Commit()
    {
        writer.Flush();
        writer.Dispose();
        File.Move(temporary, Path, overwrite: true);
        committed = true;
    }

    /// <summary>Closes the trace; without <see cref="Commit"/> the temporary file is removed.</summary>
    public void Dispose()
    {
        writer.Dispose();
        if (!committed && File.Exists(temporary))
        {
            File.Delete(temporary);
        }
    }
}
