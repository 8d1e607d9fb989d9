using System.Globalization;
using System.Text.Json.Nodes;
using Kinship.Cli;
using Kinship.Leap.Backends;
using Kinship.Leap.Cli.Options;
using Kinship.Leap.Engine;
using Kinship.Leap.Evaluation;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Kinship.Leap.Cli.Commands;

/// <summary><c>leap eval</c>: runs a benchmark with LeaP or the independent baseline, resumably, and prints the summary table.</summary>
public sealed class EvalCommand(IAnsiConsole console) : AsyncCommand<EvalSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, EvalSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        try
        {
            var items = settings.Selection.Apply(
                BenchmarkLoader.Load(settings.Benchmark, new BenchmarkLoadOptions { ShuffleOptions = !settings.KeepOptionOrder, OptionSeed = settings.OptionSeed }),
                settings.Benchmark);
            var options = settings.ToOptions();
            var effective = EngineSolver.EffectiveOptions(options, settings.EvaluationMethod);
            var prefix = settings.ForcePrefix is { } file ? await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false) : null;
            await using var backend = await EngineBackend.OpenAsync(settings, effective, [.. items.Select(EngineSolver.ProblemOf)], prefix, cancellationToken).ConfigureAwait(false);
            await using var prefixed = prefix is null ? null : new PrefixedBackend(backend, prefix);
            var solver = new EngineSolver(prefixed ?? backend, options, settings.EvaluationMethod);
            // Every problem's budget is checked before anything runs, so a long prompt fails now rather than hours in.
            foreach (var item in items)
            {
                try
                {
                    solver.Check(item);
                }
                catch (LeapConfigurationException e)
                {
                    throw new LeapConfigurationException($"problem {item.Id}: {e.Message}", e);
                }
            }
            var progress = new SyncProgress(p => Report(p));
            var summary = await EvaluationRunner.RunAsync(items, solver, settings.Out, RunDescription(settings, backend, prefix), progress, cancellationToken, settings.ParallelProblems).ConfigureAwait(false);
            console.Write(Table(summary, settings));
            console.MarkupLineInterpolated($"results in [bold]{Path.Combine(settings.Out, EvaluationRunner.ResultsFile)}[/], summary in [bold]{Path.Combine(settings.Out, EvaluationRunner.SummaryFile)}[/]");
            return ExitCodes.Success;
        }
        catch (OperationCanceledException)
        {
            console.MarkupLineInterpolated($"[yellow]cancelled[/]: finished problems are in {Path.Combine(settings.Out, EvaluationRunner.ResultsFile)}; rerun the same command to resume");
            return ExitCodes.Cancelled;
        }
        // other failures propagate to the shared handler: one line on stderr, exit 1
    }

    private void Report(EvaluationProgress p)
    {
        var r = p.Result;
        var vote = r.Vote.Answer ?? "(none)";
        var line = string.Create(CultureInfo.InvariantCulture,
            $"[{p.Done}/{p.Total}] {r.Id}: {r.CorrectPaths}/{r.Paths.Count} paths correct, vote {vote} {(r.VoteCorrect ? "right" : "wrong")} (answer {r.Reference}), {r.Paths.Sum(x => x.TokensDecoded)} tokens, {r.Seconds:0.0} s{(p.Resumed ? " (from an earlier run)" : "")}");
        console.WriteLine(line);
    }

    private static JsonObject RunDescription(EvalSettings s, IGenerationBackend backend, string? prefix) => new()
    {
        ["benchmark"] = Path.GetFileName(s.Benchmark),
        ["method"] = s.EvaluationMethod.ToString().ToLowerInvariant(),
        ["backend"] = s.Model is { } m ? Path.GetFileName(m) : s.ServedModel,
        ["paths"] = s.Paths,
        ["interval"] = s.Interval,
        ["budget"] = s.Budget,
        ["summaryTokens"] = s.SummaryTokens,
        ["topK"] = s.PeerCount,
        ["router"] = s.ToOptions().Router.ToString().ToLowerInvariant(),
        ["similarity"] = s.ToOptions().Similarity.ToString().ToLowerInvariant(),
        ["temperature"] = s.Temperature,
        ["topP"] = s.TopP,
        ["sampleTopK"] = s.TopK,
        ["minP"] = s.MinP,
        ["seed"] = s.Seed,
        ["template"] = Prompting.ChatTemplates.Name(s.ToOptions().Template),
        ["selfTrigger"] = s.SelfTrigger,
        // null where a setting is at its default (or does not apply), so folders written before these keys existed still resume
        ["selfTriggerMode"] = s.SelfTrigger ? s.ToOptions().SelfTriggerMode.ToString().ToLowerInvariant() : null,
        ["rounds"] = s.ToOptions().CommunicationRounds is { } rounds ? (rounds.Count == 0 ? "none" : string.Join(",", rounds.Order())) : null,
        ["dropLastParagraph"] = s.NoDropParagraph ? false : null,
        ["forcePrefix"] = prefix,
        ["optionSeed"] = s.KeepOptionOrder ? null : s.OptionSeed,
        ["contextTokens"] = backend.Info.ContextTokens,
    };

    private static Table Table(EvaluationSummary s, EvalSettings settings)
    {
        var table = new Table().AddColumns("metric", "value");
        table.Title = new TableTitle($"{Path.GetFileName(settings.Benchmark)} · {settings.EvaluationMethod.ToString().ToLowerInvariant()} · N={s.Paths}");
        string F(double v) => v.ToString("0.00", CultureInfo.InvariantCulture);
        table.AddRow("problems", s.Problems.ToString(CultureInfo.InvariantCulture));
        table.AddRow("Pass@1 (%)", F(100 * s.PassAt1));
        table.AddRow($"Cons@{s.Paths} (%)", F(100 * s.ConsAtN));
        table.AddRow($"shortest-majority@{s.Paths} (%)", F(100 * s.ShortestMajorityAtN));
        table.AddRow("paths without an answer (%)", F(100 * s.Unanswered));
        table.AddRow("tokens decoded / problem", F(s.TokensDecodedPerProblem));
        table.AddRow("tokens prefilled", s.TokensPrefilled.ToString(CultureInfo.InvariantCulture));
        table.AddRow("tokens received from peers", s.TokensReceived.ToString(CultureInfo.InvariantCulture));
        table.AddRow("seconds", F(s.Seconds));
        table.AddRow("decoded tokens / s", F(s.TokensPerSecond));
        table.AddRow("buckets (easy/moderate/medium/hard/very hard)", string.Join(" / ", s.Buckets.OrderBy(b => b.Key).Select(b => b.Value)));
        return table;
    }

    private sealed class SyncProgress(Action<EvaluationProgress> report) : IProgress<EvaluationProgress>
    {
        public void Report(EvaluationProgress value) => report(value);
    }
}
