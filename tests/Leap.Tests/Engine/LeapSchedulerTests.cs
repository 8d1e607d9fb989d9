using Kinship.Leap.Backends;
using Kinship.Leap.Engine;
using Kinship.Leap.Prompting;
using Kinship.Leap.Routing;

namespace Kinship.Leap.Tests.Engine;

/// <summary>The pure scheduling steps driven with fabricated generation results: no backend at all.</summary>
public sealed class LeapSchedulerTests
{
    private static readonly PromptBook Book = PromptBook.Default with { RecapTriggers = ["Recap."], SummaryOpenings = ["So far"] };
    private static readonly LeapOptions Options = new() { Paths = 3, Interval = 50, Budget = 3, SummaryTokens = 20, PeerCount = 1 };
    private static readonly LeapScheduler Scheduler = new(Options, Book, ProblemKind.Math);

    private static GenerationResult Length(string text) => new(text, FinishReason.Length, null, text.Length, 0);
    private static GenerationResult Stop(string text, string stop) => new(text, FinishReason.Stop, stop, text.Length, 0);

    private static IReadOnlyList<PathState> Fresh(int n) => [.. Enumerable.Range(0, n).Select(PathState.Start)];

    [Fact]
    public void A_segment_plans_one_generation_per_thinking_path_with_the_interval_and_think_stop()
    {
        var paths = Fresh(3).Select(p => p.Index == 1 ? p with { Phase = PathPhase.ClosedThinking } : p).ToArray();
        var step = Scheduler.BeginSegment(paths, 0);

        Assert.Equal([0, 2], step.Work.Select(w => w.Path));
        Assert.All(step.Work, w => Assert.Equal(new GenerationSpec(50, ["</think>"]).MaxTokens, w.Generate!.MaxTokens));
        Assert.All(step.Work, w => Assert.Equal(["</think>"], w.Generate!.Stops));
        Assert.All(step.Work, w => Assert.Equal("", w.Append));
    }

    [Fact]
    public void Ending_a_segment_finishes_closed_and_ended_paths_and_keeps_the_rest_thinking()
    {
        var begun = Scheduler.BeginSegment(Fresh(3), 0);
        var ended = Scheduler.EndSegment(begun.Paths, 0, begun.Work,
            [Length("abc"), Stop("done</think>", "</think>"), new GenerationResult("x", FinishReason.EndOfSequence, null, 2, 0)]);

        Assert.Equal([PathPhase.Thinking, PathPhase.ClosedThinking, PathPhase.EndOfSequence], ended.Paths.Select(p => p.Phase));
        Assert.Equal(["abc", "done</think>", "x"], ended.Paths.Select(p => p.Text));
        Assert.Equal([3L, 12L, 2L], ended.Paths.Select(p => p.TokensDecoded));
        Assert.Equal(
            [new SegmentEvent(0, 0, "abc", "length", null, 3, 0), new SegmentEvent(0, 1, "done</think>", "stop", "</think>", 12, 0),
             new PathFinishedEvent(1, "closed-thinking", 0), new SegmentEvent(0, 2, "x", "end-of-sequence", null, 2, 0), new PathFinishedEvent(2, "end-of-sequence", 0)],
            ended.Events);
    }

    [Fact]
    public void Summaries_drop_the_dangling_paragraph_of_the_segment_only_and_append_the_request()
    {
        PathState[] paths =
        [
            PathState.Start(0) with { Text = "old\n\nnew one\n\ncut off", SegmentStart = 5 },
            PathState.Start(1) with { Text = "old\n\nnever broken", SegmentStart = 5 },
        ];
        var step = Scheduler.BeginSummaries(paths, 0);

        Assert.Equal(new PathWork(0, "old\n\nnew one".Length, "\n\nRecap. <summarize> So far", new GenerationSpec(20, LeapScheduler.SummaryStops)), step.Work[0], WorkComparer);
        Assert.Equal(new PathWork(1, null, "\n\nRecap. <summarize> So far", new GenerationSpec(20, LeapScheduler.SummaryStops)), step.Work[1], WorkComparer);
        Assert.Equal("old\n\nnew one\n\nRecap. <summarize> So far", step.Paths[0].Text);
        Assert.All(step.Paths, p => Assert.Equal(PathPhase.Summarizing, p.Phase));
    }

    [Fact]
    public void Ending_summaries_plans_the_closing_edits_and_routing_appends_comment_blocks()
    {
        var thinking = Fresh(3).Select(p => p with { Text = $"t{p.Index}", SegmentStart = 0 }).ToArray();
        var begun = Scheduler.BeginSummaries(thinking, 1);
        var ended = Scheduler.EndSummaries(thinking, begun.Paths, 1, begun.Work,
            [Stop(" aaaa</summarize>", "</summarize>"), Length(" aaab"), Stop(" bbbb</think>", "</think>")]);

        Assert.Equal(["So far aaaa", "So far aaab...", "So far bbbb..."], ended.Paths.Select(p => p.Summary));
        Assert.Equal(
            [new PathWork(1, null, "... </summarize>", null), new PathWork(2, "t2\n\nRecap. <summarize> So far bbbb".Length, "... </summarize>", null)],
            ended.Work, WorkComparer);
        Assert.All(ended.Paths, p => Assert.Equal(PathPhase.Listening, p.Phase));

        var routed = Scheduler.Route(ended.Paths, 1);
        var routing = Assert.IsType<RoutingEvent>(routed.Events[0]);
        // "So far aaaa" / "So far aaab..." / "So far bbbb...": d(0,1) = 4, d(0,2) = 7, d(1,2) = 3 over max length 14
        Assert.Equal([[2], [0], [0]], routing.Routes.Select(r => r.Peers));
        Assert.Equal([[1 - (7.0 / 14)], [1 - (4.0 / 14)], [1 - (7.0 / 14)]], routing.Routes.Select(r => r.Similarities));
        Assert.Equal(" <comment> Peer 1: \"So far bbbb...\" </comment>\n\n" + Book.ReflectionSentence, routed.Work[0].Append);
        Assert.All(routed.Paths, p => Assert.Equal((PathPhase.Thinking, 1), (p.Phase, p.Rounds)));
        Assert.All(routed.Work, w => Assert.Null(w.Generate));
    }

    [Fact]
    public void Only_finished_paths_are_spared_the_forced_answer()
    {
        PathState[] paths = [PathState.Start(0) with { Text = "a" }, PathState.Start(1) with { Phase = PathPhase.ClosedThinking }];
        var begun = Scheduler.BeginForcedAnswers(paths);
        var ended = Scheduler.EndForcedAnswers(begun.Paths, begun.Work, [Length("12}")]);

        Assert.Equal([0], begun.Work.Select(w => w.Path));
        Assert.Equal("a" + Book.ForcedAnswer(ProblemKind.Math) + "12}", ended.Paths[0].Text);
        Assert.Equal([PathPhase.ForcedAnswer, PathPhase.ClosedThinking], ended.Paths.Select(p => p.Phase));
    }

    [Fact]
    public void Self_trigger_stops_at_summarize_except_in_the_last_segment()
    {
        var leapT = new LeapScheduler(Options with { SelfTrigger = true }, Book, ProblemKind.Math);
        Assert.Equal(["</think>", "<summarize>"], leapT.SegmentStops(0));
        Assert.Equal(["</think>", "<summarize>"], leapT.SegmentStops(1));
        Assert.Equal(["</think>"], leapT.SegmentStops(2));
    }

    [Fact]
    public void Trigger_and_opening_choices_are_seeded_per_round_and_path()
    {
        var scheduler = new LeapScheduler(Options with { Seed = 3 }, PromptBook.Default, ProblemKind.Math);
        var requests = Enumerable.Range(0, 6).Select(round => scheduler.BeginSummaries(Fresh(3), round).Work.Select(w => w.Append).ToArray()).ToArray();
        var again = Enumerable.Range(0, 6).Select(round => scheduler.BeginSummaries(Fresh(3), round).Work.Select(w => w.Append).ToArray()).ToArray();

        Assert.Equal(requests, again);
        Assert.True(requests.SelectMany(r => r).Distinct().Count() > 3);
    }

    [Theory]
    [InlineData(0, 4096, 4, 256, 4, "--paths must be at least 1 (got 0)")]
    [InlineData(4, 0, 4, 256, 4, "--interval must be at least 1 token (got 0)")]
    [InlineData(4, 4096, 0, 256, 4, "--budget must be at least 1 segment (got 0)")]
    [InlineData(4, 4096, 4, 0, 4, "--summary-tokens must be at least 1 (got 0)")]
    [InlineData(4, 4096, 4, 256, 0, "--peers must be at least 1 (got 0)")]
    public void Impossible_options_are_named_in_the_error(int paths, int interval, int budget, int summary, int k, string message)
    {
        var options = new LeapOptions { Paths = paths, Interval = interval, Budget = budget, SummaryTokens = summary, PeerCount = k };
        Assert.Equal([message], options.Validate());
        Assert.Equal(message, Assert.Throws<LeapConfigurationException>(options.EnsureValid).Message);
    }

    [Fact]
    public void Defaults_are_the_papers()
    {
        var o = new LeapOptions();
        Assert.Equal((4, 4096, 4, 256, 4, RouterKind.Dispersed, SimilarityMeasure.Levenshtein), (o.Paths, o.Interval, o.Budget, o.SummaryTokens, o.PeerCount, o.Router, o.Similarity));
        Assert.Equal((0.6, 0.95, 40, 0.05, true, false), (o.Temperature, o.TopP, o.SampleTopK, o.MinP, o.DropLastParagraph, o.SelfTrigger));
        Assert.Empty(o.Validate());
    }

    private static readonly IEqualityComparer<PathWork> WorkComparer = EqualityComparer<PathWork>.Create(
        (a, b) => a!.Path == b!.Path && a.TruncateTo == b.TruncateTo && a.Append == b.Append &&
                  (a.Generate is null ? b.Generate is null : b.Generate is not null && a.Generate.MaxTokens == b.Generate.MaxTokens && a.Generate.Stops.SequenceEqual(b.Generate.Stops)));
}
