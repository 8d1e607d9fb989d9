using System.Globalization;
using Kinship.Lineage.Similarity;
using Spectre.Console;

namespace Kinship.Lineage.Cli.Commands;

/// <summary>
/// Shows analysis progress: one line per stage change and per tenth of a stage's work, written straight to the console
/// (plain lines when the output is not a terminal; Spectre keeps escape codes off redirected output).
/// </summary>
internal sealed class ConsoleProgress(IAnsiConsole console) : IProgress<SimilarityProgress>
{
    private readonly Lock _gate = new();
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private string? _stage;
    private long _lastTenth = -1;

    public void Report(SimilarityProgress value)
    {
        lock (_gate)
        {
            var tenth = value.Total is > 0 ? value.Done * 10 / value.Total.Value : -1;
            if (value.Stage == _stage && tenth == _lastTenth)
            {
                return;
            }
            _stage = value.Stage;
            _lastTenth = tenth;
            var elapsed = _clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
            var amount = value.Total is { } total
                ? $" {value.Done.ToString("#,0", CultureInfo.InvariantCulture)}/{total.ToString("#,0", CultureInfo.InvariantCulture)}"
                : string.Empty;
            console.MarkupLineInterpolated($"[grey]{elapsed,6}s[/] {value.Stage}{amount}");
        }
    }

    public void Complete() => Report(new SimilarityProgress("done", 1, 1));
}
