using System.Globalization;
using Kinship.Leap.Engine;
using Spectre.Console;

namespace Kinship.Leap.Cli.Solve;

/// <summary>
/// The live view of <c>leap solve</c>: a status line (communication round r of the run's M − 1, tokens decoded, elapsed time, tokens per
/// second), one row per path (state, tokens, latest text) and the last routing lines, redrawn on a terminal; plain lines when output is
/// redirected, with the status line after every round.
/// </summary>
internal sealed class SolveView : ILeapObserver
{
    private const int Tail = 60;
    private static readonly TimeSpan RedrawEvery = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan TickEvery = TimeSpan.FromMilliseconds(250);
    private readonly IAnsiConsole console;
    private readonly int rounds;
    private readonly bool noTimings;
    private readonly TimeProvider time;
    private readonly long[] tokens;
    private readonly int[] requestTokens;
    private readonly string[] latest;
    private readonly string[] state;
    private readonly List<string> routing = [];
    private readonly Lock gate = new();
    private long totalTokens;
    private int roundsDone;
    private DateTimeOffset? started;
    private DateTimeOffset lastRedraw = DateTimeOffset.MinValue;
    private LiveDisplayContext? live;
    private Table? table;

    /// <summary>A view of <paramref name="paths"/> paths with <paramref name="rounds"/> planned communication rounds (<see cref="LeapOptions.Rounds"/>).</summary>
    public SolveView(IAnsiConsole console, int paths, int rounds, bool noTimings = false, TimeProvider? time = null)
    {
        this.console = console;
        this.rounds = rounds;
        this.noTimings = noTimings;
        this.time = time ?? TimeProvider.System;
        tokens = new long[paths];
        requestTokens = new int[paths];
        latest = Enumerable.Repeat("", paths).ToArray();
        state = Enumerable.Repeat("thinking", paths).ToArray();
    }

    /// <summary>
    /// The status line: <c>round 1/3 · 1,234 tokens · 12.3 s · 100.3 tokens/s</c> (round = communication rounds done of those planned,
    /// the paper's M − 1 unless --rounds chose others; the timings are left out when <paramref name="elapsed"/> is null).
    /// </summary>
    public static string StatusLine(int roundsDone, int rounds, long tokensDecoded, TimeSpan? elapsed)
    {
        var head = string.Create(CultureInfo.InvariantCulture, $"round {roundsDone}/{rounds} · {tokensDecoded:N0} tokens");
        if (elapsed is not { } e)
        {
            return head;
        }
        var rate = e.TotalSeconds > 0 ? tokensDecoded / e.TotalSeconds : 0;
        return string.Create(CultureInfo.InvariantCulture, $"{head} · {Elapsed(e)} · {rate:0.0} tokens/s");
    }

    /// <summary>Elapsed time as a person reads it: <c>9.5 s</c> under a minute, then <c>1:05</c>, then <c>1:00:05</c>.</summary>
    public static string Elapsed(TimeSpan elapsed) =>
        elapsed < TimeSpan.FromMinutes(1) ? string.Create(CultureInfo.InvariantCulture, $"{Math.Floor(elapsed.TotalSeconds * 10) / 10:0.0} s")
        : elapsed < TimeSpan.FromHours(1) ? string.Create(CultureInfo.InvariantCulture, $"{(int)elapsed.TotalMinutes}:{elapsed.Seconds:00}")
        : string.Create(CultureInfo.InvariantCulture, $"{(int)elapsed.TotalHours}:{elapsed.Minutes:00}:{elapsed.Seconds:00}");

    /// <summary>Runs <paramref name="run"/> under the live view on a terminal, or as it is (plain lines) when output is redirected.</summary>
    public async Task<LeapResult> RunAsync(Func<Task<LeapResult>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (!console.Profile.Capabilities.Interactive)
        {
            return await run().ConfigureAwait(false);
        }
        table = new Table().Border(TableBorder.Rounded).AddColumn("path").AddColumn("state").AddColumn(new TableColumn("tokens").RightAligned()).AddColumn("latest");
        for (var i = 0; i < tokens.Length; i++)
        {
            table.AddRow(i.ToString(CultureInfo.InvariantCulture), state[i], "0", "");
        }
        return await console.Live(Frame()).StartAsync(async ctx =>
        {
            lock (gate)
            {
                live = ctx;
            }
            using var stop = new CancellationTokenSource();
            var ticker = TickAsync(stop.Token);
            try
            {
                return await run().ConfigureAwait(false);
            }
            finally
            {
                await stop.CancelAsync().ConfigureAwait(false);
                await ticker.ConfigureAwait(false);
                lock (gate)
                {
                    Redraw(force: true);
                    live = null;
                }
            }
        }).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public void OnTokens(int path, string delta, int tokensDecoded)
    {
        lock (gate)
        {
            // tokensDecoded counts the current request; a smaller count means a new request began
            var added = tokensDecoded > requestTokens[path] ? tokensDecoded - requestTokens[path] : Math.Max(tokensDecoded, 1);
            requestTokens[path] = tokensDecoded;
            tokens[path] += added;
            totalTokens += added;
            latest[path] = Clip(latest[path] + delta);
            UpdateRow(path);
            Redraw(force: false);
        }
    }

    /// <inheritdoc/>
    public void OnEvent(TraceEvent traceEvent)
    {
        lock (gate)
        {
            Apply(traceEvent);
        }
    }

    /// <summary>Writes the per-path answers, the vote and (unless <paramref name="noTimings"/>) the run's throughput.</summary>
    public static void WriteSummary(IAnsiConsole console, LeapResult result, bool noTimings)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(result);
        foreach (var p in result.Paths)
        {
            console.Profile.Out.Writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"path {p.Index}: answer {p.Answer ?? "(none)"} [{p.State.Name()}; {p.TokensDecoded} decoded, {p.TokensPrefilled} prefilled, {p.Rounds} rounds]"));
        }
        console.Profile.Out.Writer.WriteLine($"vote: {result.Vote ?? "(no answer)"}");
        if (!noTimings)
        {
            console.Profile.Out.Writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{result.TokensDecoded} tokens decoded in {result.Seconds:0.00} s ({result.TokensPerSecond:0.0} tokens/s); prompt {result.PromptTokens} tokens"));
        }
    }

    private void Apply(TraceEvent traceEvent)
    {
        switch (traceEvent)
        {
            case RunStartedEvent s:
                started = time.GetUtcNow();
                Line($"{s.Paths} paths, prompt {s.PromptTokens} tokens, up to {s.ContextTokensNeeded} tokens per path; {rounds} round(s) of peer comments, router {s.Router}, seed {s.Seed}");
                break;
            case SegmentEvent s:
                requestTokens[s.Path] = 0;
                Line($"path {s.Path} segment {s.Segment}: {s.TokensDecoded} tokens, {s.Reason}");
                break;
            case SummaryEvent s:
                requestTokens[s.Path] = 0;
                state[s.Path] = "summarized";
                Line($"path {s.Path} summary {s.Round + 1}: \"{Head(s.Summary)}\"");
                UpdateRow(s.Path);
                break;
            case RoutingEvent r:
                roundsDone++;
                var line = $"round {r.Round + 1}: " + string.Join("; ", r.Routes.Select(d =>
                    $"{d.Path} ← {(d.Peers.Count == 0 ? "none" : string.Join(",", d.Peers.Select((p, i) => string.Create(CultureInfo.InvariantCulture, $"{p} ({d.Similarities[i]:0.00})"))))}"));
                routing.Add(line);
                if (table is not null && live is not null)
                {
                    table.Caption(string.Join("\n", routing.TakeLast(3)).EscapeMarkup());
                }
                Line(line);
                Line(Status());
                break;
            case InjectionEvent i:
                state[i.Path] = "thinking";
                UpdateRow(i.Path);
                break;
            case ForcedAnswerEvent f:
                requestTokens[f.Path] = 0;
                break;
            case PathFinishedEvent f:
                state[f.Path] = f.State;
                Line($"path {f.Path} finished: {f.State}");
                UpdateRow(f.Path);
                break;
            default:
                break;
        }
        Redraw(force: true);
    }

    private string Status() => StatusLine(roundsDone, rounds, totalTokens, noTimings ? null : started is { } s ? time.GetUtcNow() - s : TimeSpan.Zero);

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TickEvery, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                lock (gate)
                {
                    Redraw(force: true);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // the run ended
        }
    }

    private void Line(string text)
    {
        if (live is null)
        {
            console.Profile.Out.Writer.WriteLine(text);
        }
    }

    private void UpdateRow(int path)
    {
        if (live is null || table is null)
        {
            return;
        }
        table.UpdateCell(path, 1, state[path].EscapeMarkup());
        table.UpdateCell(path, 2, tokens[path].ToString(CultureInfo.InvariantCulture));
        table.UpdateCell(path, 3, latest[path].EscapeMarkup());
    }

    /// <summary>Redraws the live view (at most every <see cref="RedrawEvery"/> for streamed tokens); call under <see cref="gate"/>.</summary>
    private void Redraw(bool force)
    {
        if (live is null || table is null)
        {
            return;
        }
        var now = time.GetUtcNow();
        if (!force && now - lastRedraw < RedrawEvery)
        {
            return;
        }
        lastRedraw = now;
        live.UpdateTarget(Frame());
    }

    /// <summary>The status line above the path table (plain text, so it never wraps into the table's width).</summary>
    private Rows Frame() => new(new Text(Status()), table!);

    private static string Head(string text)
    {
        var flat = text.Replace('\n', ' ').Replace('\r', ' ');
        return flat.Length <= Tail ? flat : flat[..Tail] + "…";
    }

    private static string Clip(string text)
    {
        var flat = text.Replace('\n', ' ').Replace('\r', ' ');
        return flat.Length <= Tail ? flat : "…" + flat[^Tail..];
    }
}
