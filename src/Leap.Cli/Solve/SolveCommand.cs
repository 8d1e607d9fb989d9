using Kinship.Cli;
using Kinship.Leap.Cli.Options;
using Kinship.Leap.Engine;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Kinship.Leap.Cli.Solve;

/// <summary><c>leap solve</c>: run N peer-learning reasoning paths on one problem, with a GGUF model in process or OpenAI-compatible servers.</summary>
public sealed class SolveCommand(IAnsiConsole console) : AsyncCommand<SolveSettings>
{
    /// <inheritdoc/>
    public override async Task<int> ExecuteAsync(CommandContext context, SolveSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var options = settings.ToOptions();
        // failures and Ctrl+C propagate to the shared handler: one line on stderr, exit 1 or 130
        JsonlTraceWriter? trace = null;
        try
        {
            var problem = settings.ReadProblem();
            await using var backend = await EngineBackend.OpenAsync(settings, options, [problem], prefix: null, cancellationToken).ConfigureAwait(false);
            trace = settings.Trace is null ? null : new JsonlTraceWriter(settings.Trace, includeTimings: !settings.NoTimings);
            var view = settings.Json ? null : new SolveView(console, options.Paths, options.Rounds, settings.NoTimings);
            ILeapObserver? observer = (trace, view) switch
            {
                (null, null) => null,
                (null, { } v) => v,
                ({ } t, null) => t,
                ({ } t, { } v) => new CompositeObserver(t, v),
            };
            var result = view is null
                ? await new LeapEngine(backend).SolveAsync(problem, options, observer, cancellationToken).ConfigureAwait(false)
                : await view.RunAsync(() => new LeapEngine(backend).SolveAsync(problem, options, observer, cancellationToken)).ConfigureAwait(false);
            trace?.Commit();
            if (settings.Json)
            {
                console.Profile.Out.Writer.WriteLine(LeapJson.Result(result, includeTimings: !settings.NoTimings));
            }
            else
            {
                SolveView.WriteSummary(console, result, settings.NoTimings);
            }
            return ExitCodes.Success;
        }
        finally
        {
            trace?.Dispose();
        }
    }
}
