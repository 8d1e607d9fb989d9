using System.Text;
using System.Text.Json.Nodes;
using Kinship.Leap.Engine;

namespace Kinship.Leap.Evaluation;

/// <summary>
/// Runs a benchmark into an output folder, resumably: <c>run.json</c> (the settings), <c>results.jsonl</c> (one fsync'd line per
/// finished problem), <c>traces/ID.jsonl</c> (each problem's engine trace, moved into place when it finishes) and, at the end,
/// <c>summary.json</c>. Rerunning into the same folder skips the problems already in <c>results.jsonl</c>.
/// </summary>
public static class EvaluationRunner
{
    /// <summary>File names inside the output folder.</summary>
    public const string RunFile = "run.json", ResultsFile = "results.jsonl", SummaryFile = "summary.json", TraceFolder = "traces";

    /// <summary>
    /// Solves every item not yet in the folder's results with <paramref name="solver"/> (up to <paramref name="parallelProblems"/>
    /// at once), then writes and returns the summary over all of them in item order. <paramref name="run"/> describes the settings;
    /// a folder holding a run with other settings is an error naming the first difference.
    /// </summary>
    public static async Task<EvaluationSummary> RunAsync(
        IReadOnlyList<BenchmarkItem> items, IProblemSolver solver, string outputDirectory, JsonObject run,
        IProgress<EvaluationProgress>? progress, CancellationToken cancellationToken, int parallelProblems = 1, bool writeTraces = true)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(solver);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelProblems, 1);
        Directory.CreateDirectory(outputDirectory);
        CheckOrWriteRun(Path.Combine(outputDirectory, RunFile), run);
        if (writeTraces)
        {
            Directory.CreateDirectory(Path.Combine(outputDirectory, TraceFolder));
        }

        using var log = ResultsLog.Open(Path.Combine(outputDirectory, ResultsFile));
        var done = new Dictionary<string, ProblemResult>(StringComparer.Ordinal);
        foreach (var r in log.Existing)
        {
            done[r.Id] = r;
        }
        var count = 0;
        foreach (var item in items.Where(i => done.ContainsKey(i.Id)))
        {
            progress?.Report(new EvaluationProgress(++count, items.Count, done[item.Id], Resumed: true));
        }
        var countLock = new Lock();
        using var slots = new SemaphoreSlim(parallelProblems);
        // The first problem that fails stops the run: later problems do not start (each would only fail the same way,
        // retrying a dead endpoint), problems in flight are cancelled, and the error is what the caller sees.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pending = items.Where(i => !done.ContainsKey(i.Id)).Select(async item =>
        {
            await slots.WaitAsync(stop.Token).ConfigureAwait(false);
            try
            {
                stop.Token.ThrowIfCancellationRequested();
                var result = await SolveOneAsync(item, solver, outputDirectory, writeTraces, stop.Token).ConfigureAwait(false);
                log.Append(result);
                lock (countLock)
                {
                    done[item.Id] = result;
                    progress?.Report(new EvaluationProgress(++count, items.Count, result, Resumed: false));
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await stop.CancelAsync().ConfigureAwait(false);
                throw;
            }
            finally
            {
                slots.Release();
            }
        }).ToArray();
        await Task.WhenAll(pending).ConfigureAwait(false);

        var ordered = items.Select(i => done[i.Id]).ToArray();
        var summary = EvaluationMetrics.Summarize(ordered);
        WriteAtomically(Path.Combine(outputDirectory, SummaryFile), EvaluationJson.Summary(summary, run).ToJsonString(new() { WriteIndented = true }) + "\n");
        return summary;
    }

    /// <summary>
    /// The trace file of an item, distinct for distinct ids and within file-name limits: an id of letters, digits,
    /// '.', '_' and '-' (not starting with '.') of at most <see cref="PlainTraceNameLength"/> characters is its own name;
    /// any other id becomes a readable prefix (other characters as '_'), '~' and 16 hex digits of the id's SHA-256.
    /// Plain names hold no '~', so the two kinds never meet; old runs' plain-id traces keep their names.
    /// </summary>
    public static string TraceName(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (id.Length is > 0 and <= PlainTraceNameLength && id[0] != '.' && id.All(IsPlain))
        {
            return $"{TraceFolder}/{id}.jsonl";
        }
        var prefix = new StringBuilder(HashedPrefixLength);
        foreach (var c in id.Take(HashedPrefixLength))
        {
            prefix.Append(IsPlain(c) && !(prefix.Length == 0 && c == '.') ? c : '_');
        }
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(id)), 0, 8);
        return $"{TraceFolder}/{prefix}~{hash}.jsonl";
    }

    /// <summary>The longest id used verbatim as a trace name.</summary>
    public const int PlainTraceNameLength = 120;

    private const int HashedPrefixLength = 60;

    private static bool IsPlain(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-';

    private static async Task<ProblemResult> SolveOneAsync(BenchmarkItem item, IProblemSolver solver, string outputDirectory, bool writeTraces, CancellationToken cancellationToken)
    {
        if (!writeTraces)
        {
            return await solver.SolveAsync(item, null, null, cancellationToken).ConfigureAwait(false);
        }
        var name = TraceName(item.Id);
        using var trace = new JsonlTraceWriter(Path.Combine(outputDirectory, name), includeTimings: true);
        var result = await solver.SolveAsync(item, trace, name, cancellationToken).ConfigureAwait(false);
        trace.Commit();
        return result;
    }

    private static void CheckOrWriteRun(string path, JsonObject run)
    {
        if (!File.Exists(path))
        {
            WriteAtomically(path, run.ToJsonString(new() { WriteIndented = true }) + "\n");
            return;
        }
        JsonObject? existing;
        try
        {
            existing = JsonNode.Parse(File.ReadAllText(path)) as JsonObject;
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new BenchmarkFormatException(path, 0, null, "unreadable run settings: " + e.Message);
        }
        if (existing is null)
        {
            throw new BenchmarkFormatException(path, 0, null, "unreadable run settings");
        }
        foreach (var key in existing.Select(p => p.Key).Union(run.Select(p => p.Key)))
        {
            if (!JsonNode.DeepEquals(existing[key], run[key]))
            {
                throw new BenchmarkFormatException(path, 0, key,
                    $"this folder holds a run with {key} = {existing[key]?.ToJsonString() ?? "(none)"}, not {run[key]?.ToJsonString() ?? "(none)"}; resume with the same settings or choose another --out");
            }
        }
    }

    private static void WriteAtomically(string path, string text)
    {
        Kinship.Files.AtomicFile.WriteAllText(path, text);
    }
}
