using System.Text.Json.Nodes;

namespace Kinship.Leap.Tests.EndToEnd;

/// <summary>
/// <c>leap eval --endpoint</c> against real <c>leap serve</c> servers with the shared tiny model (issue 6 item 7): one server, a
/// pool of two, and a fault-injecting proxy in front. Every run is the three-problem fixture at a tiny budget (2 paths, 2 segments
/// of 16 tokens, 8-token summaries, seed 7), so a problem costs 7 requests (the server decodes 8 tokens per step, so a 16-token reply streams in two chunks): the fresh prompt once with n = 2, then per path a
/// summary, the second segment and the forced answer.
/// </summary>
public sealed class EvalAgainstServeTests(TinyModelServers servers) : IClassFixture<TinyModelServers>
{
    private const int RequestsPerProblem = 1 + (3 * EvalRun.Paths);

    private static readonly string[] ResultFields =
    [
        "id", "reference", "paths", "vote", "voteCorrect", "shortestVote", "shortestVoteCorrect", "promptTokens", "seconds", "trace",
        "correctPaths", "passAt1", "bucket",
    ];

    private static readonly string[] PathFields = ["answer", "correct", "finished", "tokensDecoded", "tokensPrefilled", "tokensReceived"];

    private static readonly string[] SummaryFields =
        ["problems", "paths", "pass@1", "cons@N", "shortest-majority@N", "unanswered", "tokens", "seconds", "tokensPerSecond", "buckets", "run"];

    [Fact]
    public async Task Eval_against_leap_serve_writes_one_result_per_problem_and_every_path_reaches_the_server()
    {
        var run = await servers.ReferenceAsync();

        Assert.True(run.ExitCode == 0, run.Output);
        var results = run.Results;
        Assert.Equal(EvalRun.Problems.Select(p => p.Id), results.Select(r => (string)r["id"]!));
        Assert.Equal(EvalRun.Problems.Select(p => p.Answer), results.Select(r => (string)r["reference"]!));
        Assert.All(results, r =>
        {
            Assert.Equal(ResultFields, r.Select(p => p.Key));
            Assert.Equal($"traces/{r["id"]}.jsonl", (string?)r["trace"]);
            Assert.True(File.Exists(Path.Combine(run.OutDir, (string)r["trace"]!)));
            var paths = r["paths"]!.AsArray();
            Assert.Equal(EvalRun.Paths, paths.Count);
            Assert.All(paths, p =>
            {
                Assert.Equal(PathFields, p!.AsObject().Select(f => f.Key));
                // every budgeted token was spent: two segments of 16, one summary of 8, one forced answer of 8
                Assert.Equal(16 + 8 + 16 + 8, (long)p["tokensDecoded"]!);
                Assert.True((long)p["tokensReceived"]! > 0, "a path received no peer summary");
            });
        });

        var summary = run.Summary;
        Assert.Equal(SummaryFields, summary.Select(p => p.Key));
        Assert.Equal(3, (int)summary["problems"]!);
        Assert.Equal(EvalRun.Paths, (int)summary["paths"]!);
        Assert.Equal(results.Sum(r => r["paths"]!.AsArray().Sum(p => (long)p!["tokensDecoded"]!)), (long)summary["tokens"]!["decoded"]!);
        Assert.Equal("stories260K.gguf", (string?)summary["run"]!["backend"]);
        Assert.Contains("[3/3] sue-dogs: ", run.Output, StringComparison.Ordinal);

        // The server saw every path of every problem: the fresh prompt once with n = 2 under path 0's seed, then each path's
        // own requests (its summary, second segment and forced answer) under its own seed.
        Assert.Equal(3 * RequestsPerProblem, run.Requests.Count);
        foreach (var (_, problem, _) in EvalRun.Problems)
        {
            var mine = run.Requests.Where(r => r.Prompt.Contains(problem, StringComparison.Ordinal)).ToArray();
            Assert.Equal(RequestsPerProblem, mine.Length);
            Assert.Equal((EvalRun.Paths, EvalRun.WireSeed(0)), (mine[0].N, mine[0].Seed));
            for (var path = 0; path < EvalRun.Paths; path++)
            {
                var seed = EvalRun.WireSeed(path);
                Assert.Equal([8, 16, 8], mine.Skip(1).Where(r => r.Seed == seed).Select(r => r.MaxTokens));
                Assert.All(mine.Skip(1), r => Assert.Equal(1, r.N));
            }
        }
    }

    [Fact]
    public async Task Eval_in_process_with_the_same_seed_solves_the_same_problems_with_the_same_paths_and_budget()
    {
        var served = await servers.ReferenceAsync();
        var outDir = servers.NewOutDir("in-process");

        var local = await EvalRun.RunAsync(EvalRun.Args(["--model", SharedData.RequireFile("models/stories260K.gguf")], outDir), outDir);

        Assert.True(local.ExitCode == 0, local.Output);
        Assert.Equal(served.Results.Select(Shape), local.Results.Select(Shape));
        Assert.Equal(Totals(served.Summary), Totals(local.Summary));
        Assert.Equal(served.Summary["run"]!.AsObject().Where(p => p.Key is not ("backend" or "contextTokens")).Select(p => p.ToString()),
            local.Summary["run"]!.AsObject().Where(p => p.Key is not ("backend" or "contextTokens")).Select(p => p.ToString()));
        // The texts differ, and are not asserted equal: the server samples the two forks of the fresh prompt with seeds s and s + 1
        // (OpenAI's n semantics) and restarts each path's sampler from its seed on every request, where the in-process backend
        // keeps one sampler per path seeded with the path's own seed for the whole run.
        Assert.NotEqual(served.StableTraces, local.StableTraces);

        static (int, int, long) Totals(JsonObject s) => ((int)s["problems"]!, (int)s["paths"]!, (long)s["tokens"]!["decoded"]!);
    }

    [Fact]
    public async Task A_pool_of_two_servers_keeps_each_path_on_one_server_and_uses_both()
    {
        var reference = await servers.ReferenceAsync();
        var a = await servers.AAsync();
        var b = await servers.BAsync();
        var outDir = servers.NewOutDir("pool");

        var run = await EvalRun.RunAsync(EvalRun.Args(EvalRun.Endpoints(a.Url, b.Url), outDir, "--parallel-problems", "2"), outDir, a, b);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal(3 * RequestsPerProblem, run.Requests.Count);
        var byPath = run.Requests
            .Select(r => (Request: r, Problem: EvalRun.Problems.Single(p => r.Prompt.Contains(p.Problem, StringComparison.Ordinal)).Id))
            .GroupBy(x => (x.Problem, x.Request.Seed))
            .ToArray();
        Assert.Equal(3 * EvalRun.Paths, byPath.Length);
        Assert.All(byPath, path => Assert.Single(path.Select(x => x.Request.Server).Distinct()));
        // forks stay on the endpoint of the prompt they were forked from, so a whole problem lives on one server
        Assert.All(byPath.GroupBy(p => p.Key.Problem), problem => Assert.Single(problem.SelectMany(p => p).Select(x => x.Request.Server).Distinct()));
        Assert.Contains(run.Requests, r => r.Server == a.Url);
        Assert.Contains(run.Requests, r => r.Server == b.Url);
        // Concurrent requests share batches here, so texts may differ from the one-at-a-time reference (see
        // EvalRun.OneRequestAtATime); the problems, paths and token budgets may not.
        Assert.Equal(reference.Results.Select(Shape), run.Results.Select(Shape).OrderBy(l => Index(l.Split(' ')[0])));
    }

    [Fact]
    public async Task Injected_429_503_and_a_cut_stream_are_retried_and_the_results_equal_an_unfaulted_run()
    {
        var reference = await servers.ReferenceAsync();
        var a = await servers.AAsync();
        await using var proxy = await FaultInjectingProxy.StartAsync(a.Url, (attempt, _) => attempt switch
        {
            1 => InjectedFault.TooManyRequests,
            2 => InjectedFault.Unavailable,
            6 => InjectedFault.CutStream, // the first second-segment request (16 tokens, streamed in two steps of 8)
            _ => InjectedFault.None,
        });
        var outDir = servers.NewOutDir("faulted");

        var run = await EvalRun.AgainstAsync(a, [proxy.Url], outDir, EvalRun.OneRequestAtATime);

        Assert.True(run.ExitCode == 0, run.Output);
        var log = proxy.Log;
        Assert.Equal(
            [InjectedFault.TooManyRequests, InjectedFault.Unavailable, InjectedFault.None, InjectedFault.None, InjectedFault.None, InjectedFault.CutStream],
            log.Take(6).Select(x => x.Fault));
        // the fresh prompt was refused twice, then sent a third time unchanged; Retry-After: 1 held the first retry back a second
        Assert.All(log.Take(3), x => Assert.Equal((log[0].Request.Prompt, 2), (x.Request.Prompt, x.Request.N)));
        Assert.True(log[1].Request.Arrived - log[0].Request.Arrived >= TimeSpan.FromSeconds(0.95), "the retry after 429 did not wait for Retry-After");
        // the stream was cut mid-way (after a text chunk, before the choice finished) and the request was sent again
        var cut = Assert.Single(proxy.CutEvents);
        var chunk = JsonNode.Parse(cut["data: ".Length..].Trim())!["choices"]![0]!;
        Assert.NotEqual("", (string?)chunk["text"]);
        Assert.Null(chunk["finish_reason"]);
        Assert.Equal(16, log[5].Request.MaxTokens);
        Assert.Equal(2, log.Count(x => x.Request.Prompt == log[5].Request.Prompt && x.Request.Seed == log[5].Request.Seed));
        Assert.Equal(3 * RequestsPerProblem + 3, log.Count);
        Assert.Equal(reference.StableResults, run.StableResults);
        Assert.Equal(reference.StableTraces, run.StableTraces);
        var summary = run.Summary;
        Assert.Equal(reference.Summary["tokens"]!.ToJsonString(), summary["tokens"]!.ToJsonString());
    }

    [Fact]
    public async Task An_endpoint_that_keeps_failing_is_one_error_naming_its_url_and_a_rerun_without_faults_resumes()
    {
        var reference = await servers.ReferenceAsync();
        var a = await servers.AAsync();
        var (first, second, third) = (EvalRun.Problems[0], EvalRun.Problems[1], EvalRun.Problems[2]);
        // the first problem goes through; from the second on, every request is a 503
        await using var proxy = await FaultInjectingProxy.StartAsync(a.Url, (_, body) =>
            ((string)body["prompt"]!).Contains(first.Problem, StringComparison.Ordinal) ? InjectedFault.None : InjectedFault.Unavailable);
        var outDir = servers.NewOutDir("down");

        var failed = await EvalRun.AgainstAsync(a, [proxy.Url], outDir, [.. EvalRun.OneRequestAtATime, "--retries", "1"]);

        Assert.Equal(1, failed.ExitCode);
        var output = failed.Output.ReplaceLineEndings("");
        Assert.Contains($"error: {proxy.Url}v1/completions: still failing after 1 retries: HTTP 503", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", failed.Output, StringComparison.Ordinal);
        Assert.Equal([first.Id], failed.Results.Select(r => (string)r["id"]!));
        Assert.False(File.Exists(Path.Combine(outDir, "summary.json")));
        // the second problem's first request was tried twice; the third problem never started
        Assert.Equal(2, proxy.Log.Count(x => x.Request.Prompt.Contains(second.Problem, StringComparison.Ordinal)));
        Assert.DoesNotContain(proxy.Log, x => x.Request.Prompt.Contains(third.Problem, StringComparison.Ordinal));

        var rerun = await EvalRun.AgainstAsync(a, [a.Url], outDir, EvalRun.OneRequestAtATime);

        Assert.True(rerun.ExitCode == 0, rerun.Output);
        Assert.Contains($"[1/3] {first.Id}: ", rerun.Output, StringComparison.Ordinal);
        Assert.Single(rerun.Output.Split('\n'), l => l.Contains("(from an earlier run)", StringComparison.Ordinal));
        Assert.Equal(2 * RequestsPerProblem, rerun.Requests.Count);
        Assert.Equal(reference.StableResults, rerun.StableResults);
        Assert.Equal(reference.StableTraces, rerun.StableTraces);
    }

    private static int Index(string id) => EvalRun.Problems.ToList().FindIndex(p => p.Id == id);

    /// <summary>A result line's id, reference and each path's decoded tokens.</summary>
    private static string Shape(JsonObject r) =>
        $"{r["id"]} {r["reference"]} {string.Join(",", r["paths"]!.AsArray().Select(p => (long)p!["tokensDecoded"]!))}";
}
