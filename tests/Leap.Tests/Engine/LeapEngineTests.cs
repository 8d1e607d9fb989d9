using Kinship.Leap.Backends;
using Kinship.Leap.Engine;
using Kinship.Leap.Prompting;
using Kinship.Leap.Routing;
using Kinship.Leap.Tests.Fakes;

namespace Kinship.Leap.Tests.Engine;

public sealed class LeapEngineTests
{
    private static readonly PromptBook Book = PromptBook.Default with { RecapTriggers = ["Recap."], SummaryOpenings = ["So far"] };

    private static readonly LeapOptions Small = new()
    {
        Paths = 3, Interval = 40, Budget = 2, SummaryTokens = 30, PeerCount = 1, Template = ChatTemplateKind.Raw, Seed = 7,
    };

    private const string Request = "\n\nRecap. <summarize> So far";
    private const string CappedSummary = " y is 5, and then it rambles on and on";

    private static ScriptedBackend TwoActiveOneEarly() => new ScriptedBackend()
        .Script(0, "Step one.\n\nStep tw", " x is 3.</summarize> ignored", "So x is 3. \\boxed{3}</think>")
        .Script(1, "Guess 5.", CappedSummary, "Still unsure", "3}</think>")
        .Script(2, "Done: \\boxed{5}</think>");

    private static async Task<(LeapResult Result, RecordingObserver Trace)> Solve(ScriptedBackend backend, LeapOptions options, Problem? problem = null, PromptBook? book = null)
    {
        var trace = new RecordingObserver();
        var result = await new LeapEngine(backend, book ?? Book).SolveAsync(problem ?? Problem.Math("What is x?"), options, trace, TestContext.Current.CancellationToken);
        return (result, trace);
    }

    [Fact]
    public async Task A_round_appends_exactly_the_trigger_the_closed_summary_and_the_peer_comment_block()
    {
        var backend = TwoActiveOneEarly();
        var (result, _) = await Solve(backend, Small);

        var summary0 = "So far x is 3.";
        var summary1 = "So far" + CappedSummary[..30] + "...";
        var comment0 = $" <comment> Peer 1: \"{summary1}\" </comment>\n\n{Book.ReflectionSentence}";
        var comment1 = $" <comment> Peer 1: \"{summary0}\" </comment>\n\n{Book.ReflectionSentence}";
        Assert.Equal("Step one." + Request + " x is 3.</summarize>" + comment0 + "So x is 3. \\boxed{3}</think>", result.Paths[0].Text);
        Assert.Equal(
            "Guess 5." + Request + CappedSummary[..30] + "... </summarize>" + comment1 + "Still unsure" + Book.ForcedAnswer(ProblemKind.Math) + "3}</think>",
            result.Paths[1].Text);
        Assert.Equal("Done: \\boxed{5}</think>", result.Paths[2].Text);
        Assert.Equal(
            [
                "start", "fork 0", "fork 1", "fork 2",
                "generate 0", "generate 1", "generate 2",
                "truncate 0: 9", "append 0: " + Request, "append 1: " + Request,
                "generate 0", "prefill 0: " + Request, "generate 1", "prefill 1: " + Request,
                "append 1: ... </summarize>",
                "append 0: " + comment0, "append 1: " + comment1,
                "generate 0", "prefill 0: " + comment0, "generate 1", "prefill 1: ... </summarize>" + comment1,
                "append 1: " + Book.ForcedAnswer(ProblemKind.Math),
                "generate 1", "prefill 1: " + Book.ForcedAnswer(ProblemKind.Math),
            ],
            backend.Log);
    }

    [Fact]
    public async Task Paths_finish_on_think_close_or_end_of_sequence_and_leave_the_group()
    {
        var backend = new ScriptedBackend()
            .Script(0, "a\u0004")
            .Script(1, "b</think> more")
            .Script(2, "c", " s</summarize>", "d", "7}");
        var (result, trace) = await Solve(backend, Small);

        Assert.Equal([PathPhase.EndOfSequence, PathPhase.ClosedThinking, PathPhase.ForcedAnswer], result.Paths.Select(p => p.State));
        Assert.Equal(["a", "b</think>"], result.Paths.Take(2).Select(p => p.Text));
        Assert.Equal([true, true, false], result.Paths.Select(p => p.Finished));
        Assert.Equal([0, 0, 1], result.Paths.Select(p => p.Rounds));
        Assert.Equal([null, null, "7"], result.Paths.Select(p => p.Answer));
        Assert.Equal([(0, "end-of-sequence", 0), (1, "closed-thinking", 0), (2, "forced-answer", 1)],
            trace.Of<PathFinishedEvent>().Select(f => (f.Path, f.State, f.Segment)));
    }

    [Fact]
    public async Task A_lone_path_summarizes_and_receives_the_no_comments_block()
    {
        var backend = new ScriptedBackend()
            .Script(0, "Think.", " alone.</summarize>", "\\boxed{1}</think>")
            .Script(1, "Quick \\boxed{2}</think>");
        var (result, trace) = await Solve(backend, Small with { Paths = 2, PeerCount = 4 });

        Assert.Equal("Think." + Request + " alone.</summarize> <comment> No comments </comment>\n\n" + Book.LoneSentence + "\\boxed{1}</think>", result.Paths[0].Text);
        var route = Assert.Single(Assert.Single(trace.Of<RoutingEvent>()).Routes);
        Assert.Equal(new RouteDecision(0, [], []), route, RouteComparer);
        Assert.Equal(" <comment> No comments </comment>\n\n" + Book.LoneSentence, Assert.Single(trace.Of<InjectionEvent>()).Text);
    }

    [Fact]
    public async Task A_single_path_runs_every_round_alone()
    {
        var backend = new ScriptedBackend().Script(0, "a", " s</summarize>", "b", " t</summarize>", "c", "4}");
        var (result, trace) = await Solve(backend, Small with { Paths = 1, Budget = 3 });

        Assert.Equal(2, result.Paths[0].Rounds);
        Assert.Equal("4", result.Vote);
        Assert.All(trace.Of<RoutingEvent>(), r => Assert.Empty(Assert.Single(r.Routes).Peers));
        Assert.Equal(2, trace.Of<InjectionEvent>().Count(i => i.Text.StartsWith(" <comment> No comments </comment>", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task LeaP_T_self_trigger_in_continue_mode_ends_the_segment_and_continues_the_models_own_summary()
    {
        var backend = new ScriptedBackend()
            .Script(0, "Let me note <summarize> rest", " z=2 </summarize>", "\\boxed{2}</think>")
            .Script(1, "Long reasoning", " z=3</summarize>", "\\boxed{3}</think>");
        var (result, trace) = await Solve(backend, Small with { Paths = 2, SelfTrigger = true, SelfTriggerMode = SelfTriggerMode.Continue });

        Assert.Equal([["</think>", "<summarize>"], ["</think>", "<summarize>"]], backend.Calls[0].Select(r => r.StopStrings));
        Assert.Equal(["</think>"], backend.Calls[2][0].StopStrings);
        var summaries = trace.Of<SummaryEvent>().ToArray();
        Assert.True(summaries[0].SelfTriggered);
        Assert.Equal("", summaries[0].Request);
        Assert.Equal("z=2", summaries[0].Summary);
        Assert.False(summaries[1].SelfTriggered);
        Assert.Equal("So far z=3", summaries[1].Summary);
        Assert.StartsWith("Let me note <summarize> z=2 </summarize> <comment> Peer 1: \"So far z=3\" </comment>", result.Paths[0].Text, StringComparison.Ordinal);
        Assert.DoesNotContain("[user]", backend.Prompt!, StringComparison.Ordinal);
        Assert.Contains(Book.MathPlainInstruction, backend.Prompt!, StringComparison.Ordinal);
        Assert.DoesNotContain("<summarize>", backend.Prompt!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LeaP_T_self_trigger_drops_the_models_tag_and_appends_a_fresh_trigger_as_the_released_code_does()
    {
        var backend = new ScriptedBackend()
            .Script(0, "Let me note <summarize> rest", " z=2 </summarize>", "\\boxed{2}</think>")
            .Script(1, "Long reasoning", " z=3</summarize>", "\\boxed{3}</think>");
        var (result, trace) = await Solve(backend, Small with { Paths = 2, SelfTrigger = true });

        Assert.Equal(SelfTriggerMode.Replace, new LeapOptions().SelfTriggerMode);
        var summaries = trace.Of<SummaryEvent>().ToArray();
        Assert.True(summaries[0].SelfTriggered);
        Assert.Equal("<summarize>", summaries[0].Dropped);
        Assert.Equal(Request, summaries[0].Request);
        Assert.Equal(["So far z=2", "So far z=3"], summaries.Select(x => x.Summary));
        Assert.Equal(
            "Let me note " + Request + " z=2 </summarize> <comment> Peer 1: \"So far z=3\" </comment>\n\n" + Book.ReflectionSentence + "\\boxed{2}</think>",
            result.Paths[0].Text);
        Assert.Equal(["start", "fork 0", "fork 1", "generate 0", "generate 1", "truncate 0: 12", "append 0: " + Request, "append 1: " + Request], backend.Log.Take(8));
    }

    [Fact]
    public async Task Only_the_chosen_rounds_communicate_and_the_other_boundaries_pass_silently()
    {
        var backend = new ScriptedBackend()
            .Script(0, "A.", " a1</summarize>", "B.", "C.", " a3</summarize>", "\\boxed{1}</think>")
            .Script(1, "P.", " p1</summarize>", "Q.", "R.", " p3</summarize>", "\\boxed{2}</think>");
        var options = Small with { Paths = 2, Budget = 4, CommunicationRounds = LeapOptions.ParseRounds("1,3") };
        var (result, trace) = await Solve(backend, options);

        string Comment(string peer) => $" <comment> Peer 1: \"{peer}\" </comment>\n\n{Book.ReflectionSentence}";
        Assert.Equal(
            "A." + Request + " a1</summarize>" + Comment("So far p1") + "B." + "C." + Request + " a3</summarize>" + Comment("So far p3") + "\\boxed{1}</think>",
            result.Paths[0].Text);
        Assert.Equal([0, 2], result.Rounds.Select(r => r.Index));
        Assert.Equal([2, 2], result.Paths.Select(p => p.Rounds));
        Assert.Equal(
            [
                "start", "segment 0/0", "segment 0/1", "summary 0/0", "summary 0/1", "routing 0", "injection 0/0", "injection 0/1",
                "segment 1/0", "segment 1/1",
                "segment 2/0", "segment 2/1", "summary 2/0", "summary 2/1", "routing 2", "injection 2/0", "injection 2/1",
                "segment 3/0", "finish", "segment 3/1", "finish", "path", "path", "end",
            ],
            trace.Events.Select(e => e switch
            {
                SegmentEvent x => $"segment {x.Segment}/{x.Path}",
                SummaryEvent x => $"summary {x.Round}/{x.Path}",
                RoutingEvent x => $"routing {x.Round}",
                InjectionEvent x => $"injection {x.Round}/{x.Path}",
                _ => LeapJson.TraceLine(e, false).Split('"')[3],
            }));
        Assert.StartsWith(
            "{\"event\":\"routing\",\"round\":2,\"routes\":[{\"path\":0,\"peers\":[1],", LeapJson.TraceLine(trace.Of<RoutingEvent>().Last(), false), StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_rounds_means_independent_paths_cut_into_segments()
    {
        var backend = new ScriptedBackend().Script(0, "A.", "B.", "7}").Script(1, "P.", "Q.", "8}");
        var (result, trace) = await Solve(backend, Small with { Paths = 2, Budget = 2, CommunicationRounds = LeapOptions.ParseRounds("none") });

        Assert.Empty(trace.Of<SummaryEvent>());
        Assert.Empty(result.Rounds);
        Assert.Equal("A.B." + Book.ForcedAnswer(ProblemKind.Math) + "7}", result.Paths[0].Text);
    }

    [Fact]
    public async Task A_one_segment_run_decodes_once_then_forces_the_answers_with_no_round()
    {
        var backend = new ScriptedBackend().Script(0, "A.", "7}").Script(1, "Done \\boxed{8}</think>");
        var (result, trace) = await Solve(backend, Small with { Paths = 2, Budget = 1 });

        Assert.Equal(0, (Small with { Budget = 1 }).Rounds);
        Assert.Empty(trace.Of<SummaryEvent>());
        Assert.Equal("A." + Book.ForcedAnswer(ProblemKind.Math) + "7}", result.Paths[0].Text);
        Assert.Equal([PathPhase.ForcedAnswer, PathPhase.ClosedThinking], result.Paths.Select(p => p.State));
        Assert.Equal(["start", "fork 0", "fork 1", "generate 0", "generate 1", "append 0: " + Book.ForcedAnswer(ProblemKind.Math), "generate 0", "prefill 0: " + Book.ForcedAnswer(ProblemKind.Math)], backend.Log);
    }

    [Fact]
    public async Task A_one_segment_run_with_round_1_communicates_before_the_forced_answer_as_the_released_code_does()
    {
        var backend = new ScriptedBackend()
            .Script(0, "A.", " a</summarize>", "7}")
            .Script(1, "P.", " p</summarize>", "8}");
        var options = Small with { Paths = 2, Budget = 1, CommunicationRounds = LeapOptions.ParseRounds("1") };
        var (result, trace) = await Solve(backend, options);

        Assert.Equal(1, options.Rounds);
        Assert.Equal(
            "A." + Request + " a</summarize>" + $" <comment> Peer 1: \"So far p\" </comment>\n\n{Book.ReflectionSentence}" + Book.ForcedAnswer(ProblemKind.Math) + "7}",
            result.Paths[0].Text);
        Assert.Equal([1, 1], result.Paths.Select(p => p.Rounds));
        Assert.Equal(2, trace.Of<ForcedAnswerEvent>().Count());
    }

    [Fact]
    public void Rounds_parse_from_a_comma_list_and_impossible_rounds_are_one_clear_error()
    {
        Assert.Equal([1, 3], LeapOptions.ParseRounds(" 3, 1"));
        Assert.Null(LeapOptions.ParseRounds("all"));
        Assert.Empty(LeapOptions.ParseRounds("none")!);
        Assert.Equal("--rounds: 'x' is not a round number ≥ 1; give e.g. 1,3 or all or none", Assert.Throws<FormatException>(() => LeapOptions.ParseRounds("1,x")).Message);
        Assert.Equal("--rounds: round 2 is listed twice", Assert.Throws<FormatException>(() => LeapOptions.ParseRounds("2,2")).Message);
        Assert.Equal(["--rounds 4: 4 segments have rounds 1 to 3 (a round follows each segment but the last)"],
            (Small with { Budget = 4, CommunicationRounds = new SortedSet<int> { 1, 4 } }).Validate());
        Assert.Equal(["--rounds 2: a one-segment run has one round at most, round 1 (after the segment, before the forced answer)"],
            (Small with { Budget = 1, CommunicationRounds = new SortedSet<int> { 2 } }).Validate());
        Assert.True(new LeapOptions { Budget = 4 }.Communicates(3));
        Assert.False(new LeapOptions { Budget = 4 }.Communicates(4));
        Assert.False(new LeapOptions { Budget = 4, CommunicationRounds = new SortedSet<int> { 1 } }.Communicates(2));
    }

    [Fact]
    public async Task A_summary_that_writes_think_close_or_a_partial_tag_is_normalized_in_the_sequence()
    {
        var backend = new ScriptedBackend()
            .Script(0, "A", " p</think>", "\\boxed{1}</think>")
            .Script(1, "B", " q</summ", "\\boxed{1}</think>");
        var (result, trace) = await Solve(backend, Small with { Paths = 2, SummaryTokens = 10 });

        Assert.Contains("truncate 0: " + ("A" + Request + " p").Length, backend.Log);
        Assert.Contains("append 0: ... </summarize>", backend.Log);
        Assert.Contains("append 1: arize>", backend.Log);
        Assert.Equal(["p...", "q"], trace.Of<SummaryEvent>().Select(s => s.Summary.Replace("So far ", "", StringComparison.Ordinal)));
        Assert.Equal([true, true], trace.Of<SummaryEvent>().Select(s => s.Capped));
        Assert.StartsWith("A" + Request + " p... </summarize> <comment>", result.Paths[0].Text, StringComparison.Ordinal);
        Assert.StartsWith("B" + Request + " q</summarize> <comment>", result.Paths[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Multiple_choice_paths_are_forced_to_answer_in_the_answer_field()
    {
        var backend = new ScriptedBackend().Script(0, "Hmm", " C </think> ANSWER: D").Script(1, "Hmm", " C");
        var problem = Problem.MultipleChoice("Which gas is noble?", ["Oxygen", "Nitrogen", "Argon", "Hydrogen"]);
        var (result, trace) = await Solve(backend, Small with { Paths = 2, Budget = 1 }, problem);

        Assert.Contains("Which gas is noble?\nA) Oxygen\nB) Nitrogen\nC) Argon\nD) Hydrogen\n\n", backend.Prompt!, StringComparison.Ordinal);
        Assert.Equal("Hmm I will now state my choice as a single letter in the answer field. </think> ANSWER: C", result.Paths[1].Text);
        Assert.Equal(["C", "C"], result.Paths.Select(p => p.Answer));
        Assert.Equal("C", result.Vote);
        Assert.Empty(trace.Of<SummaryEvent>());
        Assert.Equal(2, trace.Of<ForcedAnswerEvent>().Count());
    }

    [Fact]
    public async Task The_trace_records_every_phase_in_order()
    {
        var (_, trace) = await Solve(TwoActiveOneEarly(), Small);

        Assert.Equal(
            ["start", "segment", "segment", "segment", "finish", "summary", "summary", "routing", "injection", "injection",
             "segment", "finish", "segment", "forced-answer", "finish", "path", "path", "path", "end"],
            trace.Events.Select(e => LeapJson.TraceLine(e, false).Split('"')[3]));
        var routing = Assert.Single(trace.Of<RoutingEvent>());
        Assert.Equal([0, 1], routing.Routes.Select(r => r.Path));
        Assert.Equal([[1], [0]], routing.Routes.Select(r => r.Peers));
        var end = Assert.Single(trace.Of<RunFinishedEvent>());
        Assert.Equal("3", end.Vote);
        Assert.Equal(
            "{\"event\":\"path\",\"path\":1,\"state\":\"forced-answer\",\"answer\":\"3\",\"rounds\":1,\"tokensDecoded\":" + ("Guess 5.".Length + 30 + "Still unsure".Length + "3}</think>".Length) + ",\"tokensPrefilled\":" +
            (Request.Length + "... </summarize>".Length + trace.Of<InjectionEvent>().Single(i => i.Path == 1).Text.Length + Book.ForcedAnswer(ProblemKind.Math).Length) + "}",
            LeapJson.TraceLine(trace.Of<PathTotalsEvent>().Single(p => p.Path == 1), false));
        Assert.DoesNotContain("seconds", LeapJson.TraceLine(end, includeTimings: false), StringComparison.Ordinal);
        Assert.Contains("\"seconds\":", LeapJson.TraceLine(end, includeTimings: true), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_seed_gives_byte_identical_trace_and_json()
    {
        var options = Small with { Paths = 4, PeerCount = 2, Router = RouterKind.Random, Budget = 3, Seed = 11 };
        var book = PromptBook.Default;
        async Task<(string, string, string[])> Once(ulong seed)
        {
            var backend = new ScriptedBackend();
            for (var p = 0; p < 4; p++)
            {
                backend.Script(p, $"path {p} thinks", $" s{p}</summarize>", $"more {p}", $" t{p}</summarize>", "end", $"{p}}}");
            }
            var (result, trace) = await Solve(backend, options with { Seed = seed }, book: book);
            return (trace.Jsonl, LeapJson.Result(result, includeTimings: false), [.. backend.Paths.Select(p => p.Sampling.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        }

        var first = await Once(11);
        var second = await Once(11);
        var other = await Once(12);
        Assert.Equal(first.Item1, second.Item1);
        Assert.Equal(first.Item2, second.Item2);
        Assert.Equal(first.Item3, second.Item3);
        Assert.Equal(4, first.Item3.Distinct().Count());
        Assert.NotEqual(first.Item1, other.Item1);
    }

    [Fact]
    public async Task Solve_json_has_exactly_the_documented_shape()
    {
        var (result, _) = await Solve(TwoActiveOneEarly(), Small);
        var json = LeapJson.Result(result, includeTimings: false);

        Assert.StartsWith("{\"paths\":[{\"index\":0,\"text\":", json, StringComparison.Ordinal);
        Assert.Contains("\"answer\":\"3\",\"finished\":true,\"tokensDecoded\":", json, StringComparison.Ordinal);
        Assert.Contains("\"rounds\":[{\"index\":0,\"routes\":[{\"path\":0,\"peers\":[1],\"similarities\":[", json, StringComparison.Ordinal);
        Assert.EndsWith(",\"vote\":\"3\",\"promptTokens\":" + result.PromptTokens + "}", json, StringComparison.Ordinal);
        Assert.Contains(",\"seconds\":", LeapJson.Result(result, includeTimings: true), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dropping_the_dangling_paragraph_can_be_turned_off()
    {
        var backend = new ScriptedBackend().Script(0, "One.\n\nTw", " s</summarize>", "\\boxed{1}</think>").Script(1, "x", " t</summarize>", "\\boxed{1}</think>");
        var (result, trace) = await Solve(backend, Small with { Paths = 2, DropLastParagraph = false });

        Assert.DoesNotContain(backend.Log, l => l.StartsWith("truncate", StringComparison.Ordinal));
        Assert.StartsWith("One.\n\nTw" + Request, result.Paths[0].Text, StringComparison.Ordinal);
        Assert.Equal("", trace.Of<SummaryEvent>().First().Dropped);
    }

    [Fact]
    public async Task A_budget_larger_than_the_context_fails_before_anything_runs()
    {
        var backend = new ScriptedBackend(contextTokens: 500);
        var error = await Assert.ThrowsAsync<LeapConfigurationException>(() => Solve(backend, Small with { Interval = 4096 }));

        Assert.Contains("2×4096 reasoning", error.Message, StringComparison.Ordinal);
        Assert.Contains("context holds 500", error.Message, StringComparison.Ordinal);
        Assert.Empty(backend.Log);
    }

    [Fact]
    public async Task More_paths_than_sequence_slots_fail_before_anything_runs()
    {
        var backend = new ScriptedBackend(maxSequences: 4);
        var error = await Assert.ThrowsAsync<LeapConfigurationException>(() => Solve(backend, Small with { Paths = 4 }));

        Assert.Contains("--paths 4 needs 5 sequences", error.Message, StringComparison.Ordinal);
        Assert.Empty(backend.Log);
    }

    [Fact]
    public async Task The_backend_template_is_the_default_and_its_absence_is_a_clear_error()
    {
        var withTemplate = new ScriptedBackend(chatTemplate: "<assistant>").Script(0, "\\boxed{1}</think>");
        await Solve(withTemplate, Small with { Paths = 1, Template = ChatTemplateKind.Backend });
        Assert.StartsWith("[user]What is x? Work through", withTemplate.Prompt!, StringComparison.Ordinal);
        Assert.Contains("<assistant>This problem needs careful", withTemplate.Prompt!, StringComparison.Ordinal);

        var error = await Assert.ThrowsAsync<LeapConfigurationException>(() => Solve(new ScriptedBackend(), Small with { Template = ChatTemplateKind.Backend }));
        Assert.Contains("--template", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sequences_are_disposed_and_cancellation_stops_the_run()
    {
        var backend = TwoActiveOneEarly();
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new LeapEngine(backend, Book).SolveAsync(Problem.Math("x"), Small, null, cancel.Token));
        Assert.All(backend.Paths, p => Assert.True(p.Disposed));
    }

    private static readonly IEqualityComparer<RouteDecision> RouteComparer = EqualityComparer<RouteDecision>.Create(
        (a, b) => a!.Path == b!.Path && a.Peers.SequenceEqual(b.Peers) && a.Similarities.SequenceEqual(b.Similarities));
}
