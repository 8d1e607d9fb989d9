using Kinship.Leap.Cli.Solve;
using Kinship.Leap.Engine;
using Kinship.Leap.Routing;
using Spectre.Console.Testing;

namespace Kinship.Leap.Tests.Cli;

/// <summary><c>leap solve</c>'s live view: the status line (round counter, tokens, elapsed, tokens/s), plain lines when redirected, a redrawn table on a terminal.</summary>
public sealed class SolveViewTests
{
    /// <summary>A clock the test moves by hand.</summary>
    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public void Advance(TimeSpan by) => now += by;

        public override DateTimeOffset GetUtcNow() => now;
    }

    [Theory]
    [InlineData(0, 3, 0L, 0.0, "round 0/3 · 0 tokens · 0.0 s · 0.0 tokens/s")]
    [InlineData(1, 3, 1234L, 12.34, "round 1/3 · 1,234 tokens · 12.3 s · 100.0 tokens/s")]
    [InlineData(2, 2, 50L, 59.99, "round 2/2 · 50 tokens · 59.9 s · 0.8 tokens/s")]
    [InlineData(3, 7, 123456L, 65.0, "round 3/7 · 123,456 tokens · 1:05 · 1899.3 tokens/s")]
    [InlineData(0, 0, 10L, 3725.0, "round 0/0 · 10 tokens · 1:02:05 · 0.0 tokens/s")]
    public void Status_line_shows_the_round_counter_tokens_elapsed_time_and_tokens_per_second(int done, int rounds, long tokens, double seconds, string expected)
    {
        Assert.Equal(expected, SolveView.StatusLine(done, rounds, tokens, TimeSpan.FromSeconds(seconds)));
    }

    [Fact]
    public void Status_line_without_timings_keeps_the_round_counter_and_tokens()
    {
        Assert.Equal("round 1/3 · 1,234 tokens", SolveView.StatusLine(1, 3, 1234, null));
    }

    private static RunStartedEvent Started(int paths) => new(paths, 12, 300, 16, 3, 8, 1, "dispersed", "levenshtein", 9, false, true);

    /// <summary>Two paths, three segments (two rounds): 4 tokens per path per segment, 2 per summary, one second per token step.</summary>
    private static void Drive(SolveView view, ManualClock clock)
    {
        view.OnEvent(Started(2));
        for (var segment = 0; segment < 2; segment++)
        {
            for (var t = 1; t <= 4; t++)
            {
                clock.Advance(TimeSpan.FromSeconds(1));
                view.OnTokens(0, "a", t);
                view.OnTokens(1, "b", t);
            }
            view.OnEvent(new SegmentEvent(segment, 0, "aaaa", "length", null, 4, 0));
            view.OnEvent(new SegmentEvent(segment, 1, "bbbb", "length", null, 4, 0));
            // an HTTP backend may report two tokens in one delta
            view.OnTokens(0, "s0", 2);
            view.OnTokens(1, "s1", 2);
            view.OnEvent(new SummaryEvent(segment, 0, false, "", "", "s0", "", "s0", false, 2, 0));
            view.OnEvent(new SummaryEvent(segment, 1, false, "", "", "s1", "", "s1", false, 2, 0));
            view.OnEvent(new RoutingEvent(segment, [new RouteDecision(0, [1], [0.25]), new RouteDecision(1, [0], [0.25])]));
            view.OnEvent(new InjectionEvent(segment, 0, [1], "peer"));
            view.OnEvent(new InjectionEvent(segment, 1, [0], "peer"));
        }
        view.OnEvent(new PathFinishedEvent(0, "answered", 2));
    }

    [Fact]
    public void Redirected_output_is_plain_lines_with_the_status_after_every_round()
    {
        var console = new TestConsole();
        var clock = new ManualClock();
        var view = new SolveView(console, paths: 2, rounds: 2, noTimings: false, time: clock);

        Drive(view, clock);

        Assert.Equal(
            """
            2 paths, prompt 12 tokens, up to 300 tokens per path; 2 round(s) of peer comments, router dispersed, seed 9
            path 0 segment 0: 4 tokens, length
            path 1 segment 0: 4 tokens, length
            path 0 summary 1: "s0"
            path 1 summary 1: "s1"
            round 1: 0 ← 1 (0.25); 1 ← 0 (0.25)
            round 1/2 · 12 tokens · 4.0 s · 3.0 tokens/s
            path 0 segment 1: 4 tokens, length
            path 1 segment 1: 4 tokens, length
            path 0 summary 2: "s0"
            path 1 summary 2: "s1"
            round 2: 0 ← 1 (0.25); 1 ← 0 (0.25)
            round 2/2 · 24 tokens · 8.0 s · 3.0 tokens/s
            path 0 finished: answered

            """.ReplaceLineEndings("\n"),
            console.Output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Redirected_output_without_timings_is_the_same_for_every_run()
    {
        var first = new TestConsole();
        var second = new TestConsole();
        var clock = new ManualClock();
        Drive(new SolveView(first, 2, 2, noTimings: true, time: clock), clock);
        Drive(new SolveView(second, 2, 2, noTimings: true, time: new ManualClock()), new ManualClock());

        Assert.Contains("\nround 2/2 · 24 tokens\n", first.Output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Equal(first.Output, second.Output);
    }

    [Fact]
    public async Task A_terminal_gets_the_status_line_redrawn_above_the_path_table()
    {
        var console = new TestConsole().Interactive().Width(160);
        var clock = new ManualClock();
        var view = new SolveView(console, paths: 2, rounds: 2, noTimings: false, time: clock);

        var result = await view.RunAsync(() =>
        {
            Drive(view, clock);
            return Task.FromResult(new LeapResult([], [], null, 12, 8));
        });

        Assert.Null(result.Vote);
        var output = console.Output;
        // the first frame, then the frame after round 1 (drawn on every event), then the last
        Assert.Contains("round 0/2 · 0 tokens · 0.0 s · 0.0 tokens/s", output, StringComparison.Ordinal);
        Assert.Contains("round 1/2 · 12 tokens · 4.0 s · 3.0 tokens/s", output, StringComparison.Ordinal);
        Assert.Contains("round 2/2 · 24 tokens · 8.0 s · 3.0 tokens/s", output, StringComparison.Ordinal);
        Assert.Contains("round 2: 0 ← 1 (0.25); 1 ← 0 (0.25)", output, StringComparison.Ordinal);
        Assert.Contains("answered", output, StringComparison.Ordinal);
        // no plain lines on a terminal: they are the table's rows and caption
        Assert.DoesNotContain("path 0 segment 0: 4 tokens", output, StringComparison.Ordinal);
    }
}
