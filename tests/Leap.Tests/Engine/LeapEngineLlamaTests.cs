using Kinship.Leap.Backends.Llama;
using Kinship.Leap.Engine;
using Kinship.Leap.Prompting;
using Kinship.Leap.Tests.Fakes;

namespace Kinship.Leap.Tests.Engine;

/// <summary>The engine on the real llama.cpp backend with the shared tiny model (mechanics only: it writes children's stories).</summary>
public sealed class LeapEngineLlamaTests
{
    private static readonly LeapOptions Tiny = new()
    {
        Paths = 4, Interval = 32, Budget = 3, SummaryTokens = 16, Template = ChatTemplateKind.Raw, Seed = 2024,
    };

    private static readonly Problem Story = Problem.Math("Once upon a time, a little fox counted the stars.");

    private static async Task<LlamaBackend> Load() => await LlamaBackend.LoadAsync(
        new LlamaBackendOptions { ModelPath = SharedData.RequireFile("models/stories260K.gguf"), ContextTokens = 2048, MaxSequences = 5, KvCacheTokens = 8192 },
        TestContext.Current.CancellationToken);

    private static async Task<(LeapResult Result, RecordingObserver Trace, LlamaBackend Backend)> Solve(LeapOptions options)
    {
        var backend = await Load();
        var trace = new RecordingObserver();
        var result = await new LeapEngine(backend).SolveAsync(Story, options, trace, TestContext.Current.CancellationToken);
        return (result, trace, backend);
    }

    [Fact]
    public async Task Four_paths_three_segments_complete_with_every_phase_in_the_trace()
    {
        var (result, trace, backend) = await Solve(Tiny);
        await using var _ = backend;

        var kinds = trace.Events.Select(e => LeapJson.TraceLine(e, false).Split('"')[3]).ToHashSet();
        Assert.Superset(new HashSet<string> { "start", "segment", "summary", "routing", "injection", "finish", "path", "end" }, kinds);
        Assert.Equal(4, result.Paths.Count);
        Assert.All(result.Paths, p => Assert.True(p.State.IsFinished()));
        Assert.All(result.Paths, p => Assert.True(p.TokensDecoded > 0));
        var active = trace.Of<SegmentEvent>().Count(s => s.Segment == 2);
        Assert.Equal(active, trace.Of<ForcedAnswerEvent>().Count() + trace.Of<PathFinishedEvent>().Count(f => f.Segment == 2 && f.State != "forced-answer"));
        Assert.True(result.PromptTokens > 0);
        Assert.Equal(0, backend.LiveSequences);
    }

    [Fact]
    public async Task Every_decode_and_every_sample_of_a_run_happens_on_the_backends_one_decode_thread()
    {
        await using var backend = await Load();
        var steps = new List<LlamaDecodeStep>();
        backend.DecodeStepObserver = steps.Add;
        var sampledOn = new HashSet<int>();
        var trace = new ThreadRecordingObserver(sampledOn);

        await new LeapEngine(backend).SolveAsync(Story, Tiny, trace, TestContext.Current.CancellationToken);

        // prompt prefill, three segments, two rounds of summaries and comment prefill, forced answers: all on one thread
        Assert.True(steps.Count > 3 * Tiny.Interval, $"only {steps.Count} decode steps");
        Assert.Equal([backend.DecodeThreadId], steps.Select(s => s.ThreadId).Distinct());
        Assert.Contains(steps, s => s.IsPrefill);
        Assert.Contains(steps, s => !s.IsPrefill && s.Sequences == Tiny.Paths);
        // tokens are reported right after they are sampled, on the thread that sampled them
        Assert.Equal([backend.DecodeThreadId], sampledOn);
        Assert.NotEqual(Environment.CurrentManagedThreadId, backend.DecodeThreadId);
    }

    private sealed class ThreadRecordingObserver(HashSet<int> threads) : ILeapObserver
    {
        public void OnEvent(TraceEvent traceEvent)
        {
        }

        public void OnTokens(int path, string delta, int tokensDecoded) => threads.Add(Environment.CurrentManagedThreadId);
    }

    [Fact]
    public async Task The_same_seed_gives_byte_identical_json_twice()
    {
        var (first, firstTrace, b1) = await Solve(Tiny);
        await b1.DisposeAsync();
        var (second, secondTrace, b2) = await Solve(Tiny);
        await b2.DisposeAsync();

        Assert.Equal(LeapJson.Result(first, includeTimings: false), LeapJson.Result(second, includeTimings: false));
        Assert.Equal(firstTrace.Jsonl, secondTrace.Jsonl);
    }

    [Fact]
    public async Task A_round_prefills_exactly_the_appended_trigger_and_comment_blocks()
    {
        var (_, trace, backend) = await Solve(Tiny with { DropLastParagraph = false });
        await using var _ = backend;

        foreach (var summary in trace.Of<SummaryEvent>())
        {
            Assert.Equal(backend.CountTokens(summary.Request), summary.TokensPrefilled);
            var injection = trace.Of<InjectionEvent>().Single(i => i.Round == summary.Round && i.Path == summary.Path);
            var next = trace.Of<SegmentEvent>().Single(s => s.Segment == summary.Round + 1 && s.Path == summary.Path);
            var appended = (summary.Normalization.Length > 0 ? backend.CountTokens(summary.Normalization) : 0) + backend.CountTokens(injection.Text);
            Assert.Equal(appended, next.TokensPrefilled);
        }
        Assert.Equal(0, trace.Of<SegmentEvent>().Where(s => s.Segment == 0).Sum(s => s.TokensPrefilled));
        Assert.NotEmpty(trace.Of<SummaryEvent>());
    }
}
