using System.Text;
using System.Text.Json;

namespace Kinship.Leap.Evaluation;

/// <summary>
/// The append-only <c>results.jsonl</c> of a run: each finished problem is one complete line, flushed to disk before the
/// next problem starts. A torn last line (a run killed mid-write) is ignored and cut off when the log is reopened.
/// </summary>
public sealed class ResultsLog : IDisposable
{
    private readonly FileStream _stream;
    private readonly Lock _lock = new();

    private ResultsLog(string path, FileStream stream, IReadOnlyList<ProblemResult> existing, bool tornLineDropped)
    {
        Path = path;
        _stream = stream;
        Existing = existing;
        TornLineDropped = tornLineDropped;
    }

    /// <summary>The log file.</summary>
    public string Path { get; }

    /// <summary>Problems finished by earlier runs, in file order.</summary>
    public IReadOnlyList<ProblemResult> Existing { get; }

    /// <summary>True when an incomplete last line was found and cut off.</summary>
    public bool TornLineDropped { get; }

    /// <summary>Opens (or creates) the log, reading every complete line; a complete line that does not parse is an error naming file:line.</summary>
    public static ResultsLog Open(string path)
    {
        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        try
        {
            var bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
            var results = new List<ProblemResult>();
            var offset = 0;
            var line = 0;
            while (offset < bytes.Length)
            {
                var newline = Array.IndexOf(bytes, (byte)'\n', offset);
                if (newline < 0)
                {
                    break; // torn last line
                }
                line++;
                var text = Encoding.UTF8.GetString(bytes, offset, newline - offset);
                offset = newline + 1;
                if (string.IsNullOrWhiteSpace(text))
                {
                    continue;
                }
                try
                {
                    results.Add(EvaluationJson.ParseLine(text));
                }
                catch (JsonException e)
                {
                    throw new BenchmarkFormatException(path, line, null, "not a result line written by leap eval: " + e.Message);
                }
            }
            var torn = offset < bytes.Length;
            stream.SetLength(offset);
            stream.Seek(offset, SeekOrigin.Begin);
            return new ResultsLog(path, stream, results, torn);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Appends one problem as a complete line and flushes it to disk.</summary>
    public void Append(ProblemResult result)
    {
        var bytes = Encoding.UTF8.GetBytes(EvaluationJson.Line(result) + "\n");
        lock (_lock)
        {
            _stream.Write(bytes);
            _stream.Flush(flushToDisk: true);
        }
    }

    /// <summary>Closes the log.</summary>
    public void Dispose() => _stream.Dispose();
}
