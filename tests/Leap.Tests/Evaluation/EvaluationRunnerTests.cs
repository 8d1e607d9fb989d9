using System.Text;
using System.Text.Json.Nodes;
using Kinship.Leap.Engine;
using Kinship.Leap.Evaluation;

namespace Kinship.Leap.Tests.Evaluation;

public sealed class EvaluationRunnerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("leap-eval-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly IReadOnlyList<BenchmarkItem> Items =
        [new("q1", "1+1?", "2"), new("q2", "2+2?", "4"), new("q3", "3+3?", "6"), new("q4", "4+4?", "8")];

    private static readonly JsonObject Run = new() { ["method"] = "leap", ["paths"] = 2 };

    /// <summary>Answers "2" for every path; cancels the run after <paramref name="cancelAfter"/> problems when given a source.</summary>
    private sealed class FixedSolver(CancellationTokenSource? cancel = null, int cancelAfter = int.MaxValue) : IProblemSolver
    {
        public List<string> Solved { get; } = [];

        public Task<ProblemResult> SolveAsync(BenchmarkItem item, ILeapObserver? observer, string? trace, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Solved.Add(item.Id);
            if (Solved.Count > cancelAfter)
            {
                cancel!.Cancel();
                cancellationToken.ThrowIfCancellationRequested();
            }
            PathResult[] paths = [new("2", item.Answer == "2", true, 10, 3, 1), new("4", item.Answer == "4", true, 20, 3, 1)];
            return Task.FromResult(EvaluationMetrics.Score(item, paths, promptTokens: 5, seconds: 1.5, trace));
        }
    }

    [Fact]
    public async Task A_cancelled_run_resumes_after_the_last_finished_problem_and_loses_nothing()
    {
        using var cancel = new CancellationTokenSource();
        var first = new FixedSolver(cancel, cancelAfter: 2);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => EvaluationRunner.RunAsync(Items, first, _dir, Run, null, cancel.Token));
        var afterKill = File.ReadAllLines(Path.Combine(_dir, EvaluationRunner.ResultsFile));
        Assert.Equal(2, afterKill.Length);
        Assert.False(File.Exists(Path.Combine(_dir, EvaluationRunner.SummaryFile)));
        Assert.Empty(Directory.GetFiles(Path.Combine(_dir, "traces"), "*.tmp"));

        var second = new FixedSolver();
        var reports = new List<EvaluationProgress>();
        var summary = await EvaluationRunner.RunAsync(Items, second, _dir, Run, new Sync(reports.Add), TestContext.Current.CancellationToken);

        Assert.Equal(["q3", "q4"], second.Solved);
        Assert.Equal([true, true, false, false], reports.Select(r => r.Resumed));
        var lines = File.ReadAllLines(Path.Combine(_dir, EvaluationRunner.ResultsFile));
        Assert.Equal(afterKill, lines[..2]);
        Assert.Equal(["q1", "q2", "q3", "q4"], lines.Select(l => (string)JsonNode.Parse(l)!["id"]!));
        Assert.Equal(4, summary.Problems);
        Assert.Equal((0.5 + 0.5 + 0 + 0) / 4, summary.PassAt1, 12);
        Assert.Equal(0.25, summary.ConsAtN, 12); // q1: tie "2" vs "4", first occurrence "2" is right; q2 votes "2", wrong
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(_dir, EvaluationRunner.SummaryFile)))!;
        Assert.Equal(4, (int)json["problems"]!);
        Assert.Equal(0.25, (double)json["pass@1"]!);
        Assert.Equal(0.25, (double)json["cons@N"]!);
        Assert.Equal(120, (long)json["tokens"]!["decoded"]!);
        Assert.Equal(4 * 5 + 8 * 3, (long)json["tokens"]!["prefilled"]!);
        Assert.Equal(6.0, (double)json["seconds"]!);
        Assert.True(File.Exists(Path.Combine(_dir, "traces", "q4.jsonl")));
    }

    [Fact]
    public async Task A_torn_last_line_is_ignored_and_its_problem_solved_again()
    {
        await EvaluationRunner.RunAsync(Items.Take(2).ToArray(), new FixedSolver(), _dir, Run, null, TestContext.Current.CancellationToken);
        var results = Path.Combine(_dir, EvaluationRunner.ResultsFile);
        var good = File.ReadAllText(results);
        File.AppendAllText(results, "{\"id\":\"q3\",\"reference\":\"6\",\"pa");

        var solver = new FixedSolver();
        await EvaluationRunner.RunAsync(Items, solver, _dir, Run, null, TestContext.Current.CancellationToken);

        Assert.Equal(["q3", "q4"], solver.Solved);
        var text = File.ReadAllText(results);
        Assert.StartsWith(good, text, StringComparison.Ordinal);
        Assert.Equal(4, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task A_corrupt_complete_line_is_an_error_naming_file_and_line()
    {
        File.WriteAllText(Path.Combine(_dir, EvaluationRunner.ResultsFile), EvaluationJson.Line(EvaluationMetrics.Score(Items[0], [new("2", true, true, 1, 1, 0)], 1, 1, null)) + "\nnot json\n");
        var e = await Assert.ThrowsAsync<BenchmarkFormatException>(() => EvaluationRunner.RunAsync(Items, new FixedSolver(), _dir, Run, null, TestContext.Current.CancellationToken));
        Assert.Equal(2, e.Line);
        Assert.Contains("results.jsonl:2: not a result line written by leap eval", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resuming_with_other_settings_names_the_first_difference()
    {
        await EvaluationRunner.RunAsync(Items.Take(1).ToArray(), new FixedSolver(), _dir, Run, null, TestContext.Current.CancellationToken);
        var other = new JsonObject { ["method"] = "leap", ["paths"] = 4 };
        var e = await Assert.ThrowsAsync<BenchmarkFormatException>(() => EvaluationRunner.RunAsync(Items, new FixedSolver(), _dir, other, null, TestContext.Current.CancellationToken));
        Assert.EndsWith("run.json: field 'paths': this folder holds a run with paths = 2, not 4; resume with the same settings or choose another --out", e.Message, StringComparison.Ordinal);
    }

    /// <summary>Fails <paramref name="failOn"/> at once; <paramref name="hang"/> waits until its token is cancelled; others answer.</summary>
    private sealed class FailingSolver(string failOn, string? hang = null) : IProblemSolver
    {
        public List<string> Started { get; } = [];
        public List<string> Cancelled { get; } = [];

        public async Task<ProblemResult> SolveAsync(BenchmarkItem item, ILeapObserver? observer, string? trace, CancellationToken cancellationToken)
        {
            lock (Started)
            {
                Started.Add(item.Id);
            }
            if (item.Id == failOn)
            {
                await Task.Yield();
                throw new InvalidOperationException($"{item.Id}: the endpoint is down");
            }
            if (item.Id == hang)
            {
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    lock (Started)
                    {
                        Cancelled.Add(item.Id);
                    }
                    throw;
                }
            }
            return EvaluationMetrics.Score(item, [new(item.Answer, true, true, 1, 1, 0)], 1, 0.1, trace);
        }
    }

    [Fact]
    public async Task A_failing_problem_stops_the_run_before_later_problems_start()
    {
        var solver = new FailingSolver(failOn: "q2");

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => EvaluationRunner.RunAsync(Items, solver, _dir, Run, null, TestContext.Current.CancellationToken));

        Assert.Equal("q2: the endpoint is down", e.Message);
        Assert.Equal(["q1", "q2"], solver.Started);
        Assert.Equal(["q1"], File.ReadAllLines(Path.Combine(_dir, EvaluationRunner.ResultsFile)).Select(l => (string)JsonNode.Parse(l)!["id"]!));
        Assert.False(File.Exists(Path.Combine(_dir, EvaluationRunner.SummaryFile)));
    }

    [Fact]
    public async Task A_failing_problem_cancels_the_problems_in_flight_and_its_error_is_the_one_reported()
    {
        var solver = new FailingSolver(failOn: "q2", hang: "q1");

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            EvaluationRunner.RunAsync(Items, solver, _dir, Run, null, TestContext.Current.CancellationToken, parallelProblems: 2));

        Assert.Equal("q2: the endpoint is down", e.Message);
        Assert.Equal(["q1", "q2"], solver.Started.Order());
        Assert.Equal(["q1"], solver.Cancelled);
        Assert.Empty(File.ReadAllLines(Path.Combine(_dir, EvaluationRunner.ResultsFile)));
    }

    [Fact]
    public void Result_lines_round_trip()
    {
        var result = EvaluationMetrics.Score(Items[1], [new("4", true, true, 7, 2, 1), new(null, false, false, 9, 2, 1)], 3, 0.25, "traces/q2.jsonl");
        var back = EvaluationJson.ParseLine(EvaluationJson.Line(result));
        Assert.Equal(EvaluationJson.Line(result), EvaluationJson.Line(back));
        Assert.Equal(result.Paths, back.Paths);
        Assert.Equal(result.Vote, back.Vote);
    }

    [Fact]
    public void Trace_names_keep_plain_ids_and_hash_the_rest()
    {
        Assert.Equal("traces/aime-2024_1.5.jsonl", EvaluationRunner.TraceName("aime-2024_1.5"));
        Assert.Matches(@"^traces/a_b_c~[0-9a-f]{16}\.jsonl$", EvaluationRunner.TraceName("a/b:c"));
    }

    [Fact]
    public void Ids_that_used_to_collide_get_distinct_trace_files_and_long_ids_fit_a_file_name()
    {
        string[] ids = ["a/b", "a_b", "a:b", "a\\b", "..", ".hidden", "", new string('x', 300), new string('x', 299) + "y", "é/ü", "a_b~0"];

        var names = ids.Select(EvaluationRunner.TraceName).ToArray();

        Assert.Equal(ids.Length, names.Distinct(StringComparer.Ordinal).Count());
        foreach (var name in names)
        {
            var file = Path.GetFileName(name);
            Assert.InRange(Encoding.UTF8.GetByteCount(file), 7, 255);
            Assert.Equal("traces/" + file, name);
            Assert.False(file.StartsWith('.'));
            File.WriteAllText(Path.Combine(_dir, file), "ok"); // the file system takes it
        }
    }

    private sealed class Sync(Action<EvaluationProgress> report) : IProgress<EvaluationProgress>
    {
        public void Report(EvaluationProgress value) => report(value);
    }
}
