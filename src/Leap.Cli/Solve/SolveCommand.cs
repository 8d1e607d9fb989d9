using System.Globalization;
using System.Text;
using Kinship.Leap.Backends.Llama;
using Kinship.Leap.Engine;
using Kinship.Leap.Prompting;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Kinship.Leap.Cli.Solve;

/// <summary><c>leap solve</c>: run N peer-learning reasoning paths on one problem with a GGUF model in process.</summary>
public sealed class SolveCommand(IAnsiConsole console) : AsyncCommand<SolveSettings>
{
    /// <inheritdoc/>
    public override async Task<int> ExecuteAsync(CommandContext context, SolveSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var options = settings.ToOptions();
        JsonlTraceWriter? trace = null;
        try
        {
            var problem = settings.ReadProblem();
            var model = GgufMetadata.Read(Path.GetFullPath(settings.Model!));
            var contextTokens = ContextFor(problem, options, model.TrainedContextLength);
            await using var backend = await LlamaBackend.LoadAsync(
                new LlamaBackendOptions
                {
                    ModelPath = settings.Model!,
                    ContextTokens = contextTokens,
                    MaxSequences = options.Paths + 1,
                    KvCacheTokens = checked(contextTokens * options.Paths),
                    Threads = settings.Threads,
                },
                cancellationToken).ConfigureAwait(false);
            trace = settings.Trace is null ? null : new JsonlTraceWriter(settings.Trace, includeTimings: !settings.NoTimings);
            var view = settings.Json ? null : new SolveView(console, options.Paths);
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
            return 0;
        }
        catch (Exception e) when (e is LeapConfigurationException or LlamaModelException or IOException or UnauthorizedAccessException)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return 1;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            console.WriteLine("solve cancelled.");
            return 130;
        }
        finally
        {
            trace?.Dispose();
        }
    }

    /// <summary>
    /// Tokens of context to reserve per path before the model (and its tokenizer) is loaded: the exact budget formula with every text
    /// counted as UTF-8 bytes + 1, an upper bound on its tokens, capped at the model's trained context. The engine re-checks exactly.
    /// </summary>
    internal static int ContextFor(Problem problem, LeapOptions options, long? trainedContext)
    {
        static int Bound(string text) => Encoding.UTF8.GetByteCount(text) + 1;
        var book = PromptBook.Default;
        const int TemplateMarkup = 64;
        var prompt = Bound(book.UserMessage(problem, options.SelfTrigger)) + Bound(book.AssistantPrefix(problem.Kind, options.SelfTrigger)) + TemplateMarkup;
        var total = ContextBudget.For(options, problem.Kind, prompt, Bound, book).Total;
        if (trainedContext is { } trained && total > trained)
        {
            total = trained;
        }
        return (int)Math.Clamp(total, 64, int.MaxValue / Math.Max(1, options.Paths));
    }
}
