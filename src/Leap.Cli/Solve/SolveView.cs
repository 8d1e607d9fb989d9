using System.Globalization;
using Kinship.Leap.Engine;
using Spectre.Console;

namespace Kinship.Leap.Cli.Solve;

/// <summary>The live view of <c>leap solve</c>: one line per path (tokens, latest text) and a routing line per round; plain lines when not a terminal.</summary>
internal sealed class SolveView(IAnsiConsole console, int paths) : ILeapObserver
{
    private const int Tail = 60;
    private readonly long[] tokens = new long[paths];
    private readonly string[] latest = Enumerable.Repeat("", paths).ToArray();
    private readonly string[] state = Enumerable.Repeat("thinking", paths).ToArray();
    private readonly List<string> routing = [];
    private LiveDisplayContext? live;
    private Table? table;

    public async Task<LeapResult> RunAsync(Func<Task<LeapResult>> run)
    {
        if (!console.Profile.Capabilities.Interactive)
        {
            return await run().ConfigureAwait(false);
        }
        table = new Table().Border(TableBorder.Rounded).AddColumn("path").AddColumn("state").AddColumn(new TableColumn("tokens").RightAligned()).AddColumn("latest");
        for (var i = 0; i < tokens.Length; i++)
        {
            table.AddRow(i.ToString(CultureInfo.InvariantCulture), state[i], "0", "");
        }
        return await console.Live(table).StartAsync(async ctx =>
        {
            live = ctx;
            return await run().ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    public void OnTokens(int path, string delta, int tokensDecoded)
    {
        tokens[path]++;
        latest[path] = Clip(latest[path] + delta);
        Refresh(path);
    }

    public void OnEvent(TraceEvent traceEvent)
    {
        switch (traceEvent)
        {
            case RunStartedEvent s:
                Line($"{s.Paths} paths, prompt {s.PromptTokens} tokens, up to {s.ContextTokensNeeded} tokens per path; router {s.Router}, seed {s.Seed}");
                break;
            case SegmentEvent s:
                Line($"path {s.Path} segment {s.Segment}: {s.TokensDecoded} tokens, {s.Reason}");
                break;
            case SummaryEvent s:
                state[s.Path] = "summarized";
                Line($"path {s.Path} summary {s.Round}: \"{Head(s.Summary)}\"");
                Refresh(s.Path);
                break;
            case RoutingEvent r:
                var line = $"round {r.Round}: " + string.Join("; ", r.Routes.Select(d =>
                    $"{d.Path} ← {(d.Peers.Count == 0 ? "none" : string.Join(",", d.Peers.Select((p, i) => $"{p} ({d.Similarities[i]:0.00})")))}"));
                routing.Add(line);
                if (live is not null && table is not null)
                {
                    table.Caption(string.Join("\n", routing.TakeLast(3)).EscapeMarkup());
                    live.Refresh();
                }
                else
                {
                    console.Profile.Out.Writer.WriteLine(line);
                }
                break;
            case InjectionEvent i:
                state[i.Path] = "thinking";
                Refresh(i.Path);
                break;
            case PathFinishedEvent f:
                state[f.Path] = f.State;
                Line($"path {f.Path} finished: {f.State}");
                Refresh(f.Path);
                break;
            default:
                break;
        }
    }

    public static void WriteSummary(IAnsiConsole console, LeapResult result, bool noTimings)
    {
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

    private void Line(string text)
    {
        if (live is null)
        {
            console.Profile.Out.Writer.WriteLine(text);
        }
    }

    private void Refresh(int path)
    {
        if (live is null || table is null)
        {
            return;
        }
        table.UpdateCell(path, 1, state[path].EscapeMarkup());
        table.UpdateCell(path, 2, tokens[path].ToString(CultureInfo.InvariantCulture));
        table.UpdateCell(path, 3, latest[path].EscapeMarkup());
        live.Refresh();
    }

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
