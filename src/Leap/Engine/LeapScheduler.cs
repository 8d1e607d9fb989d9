using Kinship.Leap.Backends;
using Kinship.Leap.Prompting;
using Kinship.Leap.Routing;

namespace Kinship.Leap.Engine;

/// <summary>
/// The LeaP loop as pure steps over immutable path states (LeaP paper §3, Algorithm 1): each <c>Begin…</c> plans the edits and
/// generations of one phase, each <c>End…</c> applies that phase's generation results. No I/O; tested with fabricated outputs.
/// </summary>
public sealed class LeapScheduler
{
    private readonly LeapOptions options;
    private readonly PromptBook book;
    private readonly ProblemKind kind;

    /// <summary>A scheduler for one problem of <paramref name="kind"/>.</summary>
    public LeapScheduler(LeapOptions options, PromptBook book, ProblemKind kind)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(book);
        options.EnsureValid();
        this.options = options;
        this.book = book;
        this.kind = kind;
    }

    /// <summary>Stops of a reasoning segment: <c>&lt;/think&gt;</c>, plus <c>&lt;summarize&gt;</c> in LeaP-T mode when a communicating round follows.</summary>
    public IReadOnlyList<string> SegmentStops(int segment) =>
        options.SelfTrigger && options.Communicates(segment + 1) ? [PromptBook.ThinkClose, PromptBook.SummarizeOpen] : [PromptBook.ThinkClose];

    /// <summary>Stops of a summary or a forced answer.</summary>
    public static IReadOnlyList<string> SummaryStops { get; } = [PromptBook.SummarizeClose, PromptBook.ThinkClose];

    /// <summary>Plans segment <paramref name="segment"/> (0-based): every thinking path decodes up to T tokens.</summary>
    public SchedulerStep BeginSegment(IReadOnlyList<PathState> paths, int segment)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var stops = SegmentStops(segment);
        var next = new PathState[paths.Count];
        var work = new List<PathWork>();
        for (var i = 0; i < paths.Count; i++)
        {
            var path = paths[i];
            if (path.Phase == PathPhase.Thinking)
            {
                path = path with { SegmentStart = path.Text.Length, GenerationStart = path.Text.Length, SelfTriggered = false };
                work.Add(new PathWork(path.Index, null, "", new GenerationSpec(options.Interval, stops)));
            }
            next[i] = path;
        }
        return new SchedulerStep(next, work, []);
    }

    /// <summary>Applies a segment's results: a path that closed its thinking or hit end-of-sequence is finished; a self-trigger starts its summary.</summary>
    public SchedulerStep EndSegment(IReadOnlyList<PathState> paths, int segment, IReadOnlyList<PathWork> work, IReadOnlyList<GenerationResult> results)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(results);
        var next = paths.ToArray();
        var events = new List<TraceEvent>();
        for (var w = 0; w < work.Count; w++)
        {
            var i = IndexOf(next, work[w].Path);
            var path = next[i];
            var result = results[w];
            var phase = result.Reason switch
            {
                FinishReason.EndOfSequence => PathPhase.EndOfSequence,
                FinishReason.Stop when result.MatchedStop == PromptBook.ThinkClose => PathPhase.ClosedThinking,
                FinishReason.Stop when result.MatchedStop == PromptBook.SummarizeOpen => PathPhase.Summarizing,
                _ => PathPhase.Thinking,
            };
            next[i] = path with
            {
                Phase = phase,
                Text = path.Text + result.Text,
                SelfTriggered = phase == PathPhase.Summarizing,
                TokensDecoded = path.TokensDecoded + result.TokensDecoded,
                TokensPrefilled = path.TokensPrefilled + result.TokensPrefilled,
            };
            events.Add(new SegmentEvent(segment, path.Index, result.Text, ReasonName(result.Reason), result.MatchedStop, result.TokensDecoded, result.TokensPrefilled));
            if (phase.IsFinished())
            {
                events.Add(new PathFinishedEvent(path.Index, phase.Name(), segment));
            }
        }
        return new SchedulerStep(next, [], events);
    }

    /// <summary>
    /// Plans round <paramref name="round"/>'s summaries: every active path drops its dangling paragraph (unless turned off) and
    /// receives a seeded recap trigger and summary opening. A self-triggered path (LeaP-T) first loses its own <c>&lt;summarize&gt;</c>
    /// (<see cref="SelfTriggerMode.Replace"/>, the released code) or continues it with no trigger (<see cref="SelfTriggerMode.Continue"/>).
    /// </summary>
    public SchedulerStep BeginSummaries(IReadOnlyList<PathState> paths, int round)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var next = new PathState[paths.Count];
        var work = new List<PathWork>();
        for (var i = 0; i < paths.Count; i++)
        {
            var path = paths[i];
            if (path.Phase is PathPhase.Thinking or PathPhase.Summarizing)
            {
                int? truncate = null;
                var request = "";
                var text = path.Text;
                if (!path.SelfTriggered || options.SelfTriggerMode == SelfTriggerMode.Replace)
                {
                    if (path.SelfTriggered)
                    {
                        // the segment stopped on the model's own tag (and whatever its last token held after it): drop both
                        var tag = text.LastIndexOf(PromptBook.SummarizeOpen, StringComparison.Ordinal);
                        if (tag >= path.SegmentStart)
                        {
                            truncate = tag;
                            text = text[..tag];
                        }
                    }
                    if (options.DropLastParagraph)
                    {
                        var keep = SummaryText.WithoutDanglingParagraph(text, path.SegmentStart);
                        if (keep < text.Length)
                        {
                            truncate = keep;
                            text = text[..keep];
                        }
                    }
                    var trigger = Seeds.Pick(Seeds.Mix(options.Seed, (ulong)round, (ulong)path.Index, SeedPurpose.Trigger), book.RecapTriggers.Count);
                    var opening = Seeds.Pick(Seeds.Mix(options.Seed, (ulong)round, (ulong)path.Index, SeedPurpose.Opening), book.SummaryOpenings.Count);
                    request = book.SummaryRequest(trigger, opening);
                }
                text += request;
                path = path with { Phase = PathPhase.Summarizing, Text = text, GenerationStart = text.Length, Summary = null };
                work.Add(new PathWork(path.Index, truncate, request, new GenerationSpec(options.SummaryTokens, SummaryStops)));
            }
            next[i] = path;
        }
        return new SchedulerStep(next, work, []);
    }

    /// <summary>
    /// Applies round <paramref name="round"/>'s summaries: normalizes each (LeaP §3.1: strip <c>&lt;/think&gt;</c>, close the tag),
    /// records the summary each path shares, and plans the edits that bring the sequences in line with the normalized text.
    /// </summary>
    public SchedulerStep EndSummaries(IReadOnlyList<PathState> before, IReadOnlyList<PathState> paths, int round, IReadOnlyList<PathWork> work, IReadOnlyList<GenerationResult> results)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(results);
        var next = paths.ToArray();
        var edits = new List<PathWork>();
        var events = new List<TraceEvent>();
        for (var w = 0; w < work.Count; w++)
        {
            var i = IndexOf(next, work[w].Path);
            var path = next[i];
            var result = results[w];
            var normalized = SummaryText.Normalize(result.Text);
            var common = CommonPrefix(result.Text, normalized);
            var start = path.GenerationStart;
            if (common < result.Text.Length || common < normalized.Length)
            {
                edits.Add(new PathWork(path.Index, common < result.Text.Length ? start + common : null, normalized[common..], null));
            }
            var text = path.Text + normalized;
            var summary = SummaryText.Extract(text);
            var old = before[IndexOf(before, path.Index)].Text;
            var dropped = work[w].TruncateTo is int keep ? old[keep..] : "";
            next[i] = path with
            {
                Phase = PathPhase.Listening,
                Text = text,
                Summary = summary,
                SelfTriggered = false,
                TokensDecoded = path.TokensDecoded + result.TokensDecoded,
                TokensPrefilled = path.TokensPrefilled + result.TokensPrefilled,
            };
            events.Add(new SummaryEvent(
                round, path.Index, path.SelfTriggered, dropped, work[w].Append, result.Text, normalized[common..],
                summary, result.Reason != FinishReason.Stop || result.MatchedStop != PromptBook.SummarizeClose, result.TokensDecoded, result.TokensPrefilled));
        }
        return new SchedulerStep(next, edits, events);
    }

    /// <summary>
    /// Routes round <paramref name="round"/> among the paths holding a summary and plans each one's peer-comment block
    /// (LeaP §3.2); a lone path gets the "no comments" block. The blocks are prefilled by the next segment.
    /// </summary>
    public SchedulerStep Route(IReadOnlyList<PathState> paths, int round)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var listening = paths.Where(p => p.Phase == PathPhase.Listening).ToArray();
        var candidates = listening.Select(p => new RouteCandidate(p.Index, p.Summary ?? "")).ToArray();
        var decisions = Router.Route(candidates, options.Router, options.PeerCount, options.Similarity, Seeds.Mix(options.Seed, (ulong)round, SeedPurpose.Routing));
        var summaries = listening.ToDictionary(p => p.Index, p => p.Summary ?? "");
        var next = paths.ToArray();
        var work = new List<PathWork>();
        var events = new List<TraceEvent> { new RoutingEvent(round, decisions) };
        foreach (var decision in decisions)
        {
            var block = book.CommentBlock(decision.Peers.Select(p => summaries[p]).ToArray());
            var i = IndexOf(next, decision.Path);
            next[i] = next[i] with { Phase = PathPhase.Thinking, Text = next[i].Text + block, Rounds = next[i].Rounds + 1, Summary = null };
            work.Add(new PathWork(decision.Path, null, block, null));
            events.Add(new InjectionEvent(round, decision.Path, decision.Peers, block));
        }
        return new SchedulerStep(next, work, events);
    }

    /// <summary>Plans the forced answers: every path still thinking after its last segment gets the answer prompt and S tokens.</summary>
    public SchedulerStep BeginForcedAnswers(IReadOnlyList<PathState> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var prompt = book.ForcedAnswer(kind);
        var next = new PathState[paths.Count];
        var work = new List<PathWork>();
        for (var i = 0; i < paths.Count; i++)
        {
            var path = paths[i];
            if (!path.IsFinished)
            {
                path = path with { Phase = PathPhase.Answering, Text = path.Text + prompt, GenerationStart = path.Text.Length + prompt.Length };
                work.Add(new PathWork(path.Index, null, prompt, new GenerationSpec(options.SummaryTokens, SummaryStops)));
            }
            next[i] = path;
        }
        return new SchedulerStep(next, work, []);
    }

    /// <summary>Applies the forced answers: those paths finish as <see cref="PathPhase.ForcedAnswer"/>.</summary>
    public SchedulerStep EndForcedAnswers(IReadOnlyList<PathState> paths, IReadOnlyList<PathWork> work, IReadOnlyList<GenerationResult> results)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(results);
        var next = paths.ToArray();
        var events = new List<TraceEvent>();
        for (var w = 0; w < work.Count; w++)
        {
            var i = IndexOf(next, work[w].Path);
            var path = next[i];
            var result = results[w];
            next[i] = path with
            {
                Phase = PathPhase.ForcedAnswer,
                Text = path.Text + result.Text,
                TokensDecoded = path.TokensDecoded + result.TokensDecoded,
                TokensPrefilled = path.TokensPrefilled + result.TokensPrefilled,
            };
            events.Add(new ForcedAnswerEvent(path.Index, work[w].Append, result.Text, ReasonName(result.Reason), result.TokensDecoded, result.TokensPrefilled));
            events.Add(new PathFinishedEvent(path.Index, PathPhase.ForcedAnswer.Name(), options.Budget - 1));
        }
        return new SchedulerStep(next, [], events);
    }

    /// <summary>The name of a finish reason in traces.</summary>
    public static string ReasonName(FinishReason reason) => reason switch
    {
        FinishReason.Length => "length",
        FinishReason.Stop => "stop",
        FinishReason.EndOfSequence => "end-of-sequence",
        _ => throw new ArgumentOutOfRangeException(nameof(reason)),
    };

    private static int IndexOf(IReadOnlyList<PathState> paths, int index)
    {
        for (var i = 0; i < paths.Count; i++)
        {
            if (paths[i].Index == index)
            {
                return i;
            }
        }
        throw new ArgumentException($"no path {index} in this step", nameof(index));
    }

    private static int CommonPrefix(string a, string b)
    {
        var n = Math.Min(a.Length, b.Length);
        var i = 0;
        while (i < n && a[i] == b[i])
        {
            i++;
        }
        return i;
    }
}
