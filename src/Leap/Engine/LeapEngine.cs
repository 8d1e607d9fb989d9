using System.Diagnostics;
using Kinship.Leap.Backends;
using Kinship.Leap.Evaluation;
using Kinship.Leap.Prompting;

namespace Kinship.Leap.Engine;

/// <summary>
/// Runs the LeaP loop on a generation backend (LeaP paper Algorithm 1): the prompt is prefilled once and forked into N paths;
/// each phase is planned by <see cref="LeapScheduler"/>, executed as one batched call, and its results applied.
/// </summary>
public sealed class LeapEngine
{
    private readonly IGenerationBackend backend;
    private readonly PromptBook book;

    /// <summary>An engine over <paramref name="backend"/> writing with <paramref name="book"/> (the default book when null).</summary>
    public LeapEngine(IGenerationBackend backend, PromptBook? book = null)
    {
        ArgumentNullException.ThrowIfNull(backend);
        this.backend = backend;
        this.book = book ?? PromptBook.Default;
    }

    /// <summary>The prompt text a problem starts from under <paramref name="options"/>.</summary>
    public string Prompt(Problem problem, LeapOptions options)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            return book.Prompt(problem, options.Template, backend, options.SelfTrigger);
        }
        catch (InvalidOperationException e)
        {
            throw new LeapConfigurationException(e.Message, e);
        }
    }

    /// <summary>Checks the options and that a path's whole budget fits the backend's context and sequence slots, before anything runs.</summary>
    public ContextBudget Check(Problem problem, LeapOptions options, string prompt)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(prompt);
        options.EnsureValid();
        var budget = ContextBudget.For(options, problem.Kind, backend.CountTokens(prompt), backend.CountTokens, book);
        budget.EnsureFits(backend.Info.ContextTokens, options);
        if (options.Paths + 1 > backend.Info.MaxSequences)
        {
            throw new LeapConfigurationException(
                $"--paths {options.Paths} needs {options.Paths + 1} sequences (the prompt and one per path) but the backend '{backend.Info.Name}' holds {backend.Info.MaxSequences}");
        }
        return budget;
    }

    /// <summary>
    /// Solves <paramref name="problem"/>: N paths, M segments of T tokens, M − 1 rounds of summaries and peer comments (or only the
    /// chosen rounds), forced answers. With M = 1 and no chosen round the run is one segment and the forced answers; the released
    /// code also runs a round before them, which <c>CommunicationRounds = {1}</c> reproduces.
    /// </summary>
    /// <exception cref="LeapConfigurationException">The options are impossible or the budget does not fit the backend.</exception>
    public async Task<LeapResult> SolveAsync(Problem problem, LeapOptions options, ILeapObserver? observer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        var prompt = Prompt(problem, options);
        var budget = Check(problem, options, prompt);
        var scheduler = new LeapScheduler(options, book, problem.Kind);
        var clock = Stopwatch.StartNew();
        Emit(observer, new RunStartedEvent(
            options.Paths, budget.Prompt, (int)budget.Total, options.Interval, options.Budget, options.SummaryTokens, options.PeerCount,
            options.Router.ToString().ToLowerInvariant(), options.Similarity.ToString().ToLowerInvariant(), options.Seed, options.SelfTrigger, options.DropLastParagraph));

        var sequences = new IGenerationSequence[options.Paths];
        try
        {
            using (var root = await backend.StartAsync(prompt, options.SamplingFor(0), cancellationToken).ConfigureAwait(false))
            {
                for (var i = 0; i < sequences.Length; i++)
                {
                    sequences[i] = root.Fork(options.SamplingFor(i));
                }
            }
            var run = new Run(backend, sequences, observer);
            IReadOnlyList<PathState> paths = [.. Enumerable.Range(0, options.Paths).Select(PathState.Start)];
            var rounds = new List<RoutingRound>();
            for (var segment = 0; segment < options.Budget && paths.Any(p => !p.IsFinished); segment++)
            {
                var planned = scheduler.BeginSegment(paths, segment);
                var results = await run.ExecuteAsync(planned.Work, cancellationToken).ConfigureAwait(false);
                paths = Emit(observer, scheduler.EndSegment(planned.Paths, segment, planned.Work, results)).Paths;
                // a round follows every segment but the last, or only the chosen ones (LeapOptions.CommunicationRounds)
                if (!options.Communicates(segment + 1) || paths.All(p => p.IsFinished))
                {
                    continue;
                }
                var before = paths;
                planned = scheduler.BeginSummaries(paths, segment);
                results = await run.ExecuteAsync(planned.Work, cancellationToken).ConfigureAwait(false);
                var summarized = Emit(observer, scheduler.EndSummaries(before, planned.Paths, segment, planned.Work, results));
                await run.ExecuteAsync(summarized.Work, cancellationToken).ConfigureAwait(false);
                var routed = Emit(observer, scheduler.Route(summarized.Paths, segment));
                await run.ExecuteAsync(routed.Work, cancellationToken).ConfigureAwait(false);
                rounds.Add(new RoutingRound(segment, ((RoutingEvent)routed.Events[0]).Routes));
                paths = routed.Paths;
            }
            if (paths.Any(p => !p.IsFinished))
            {
                var planned = scheduler.BeginForcedAnswers(paths);
                var results = await run.ExecuteAsync(planned.Work, cancellationToken).ConfigureAwait(false);
                paths = Emit(observer, scheduler.EndForcedAnswers(planned.Paths, planned.Work, results)).Paths;
            }
            clock.Stop();

            var outcomes = paths
                .Select(p => new PathOutcome(p.Index, p.Text, Answer(p.Text, problem), p.Phase, p.Rounds, p.TokensDecoded, p.TokensPrefilled))
                .ToArray();
            var result = new LeapResult(outcomes, rounds, MajorityVote.Of(outcomes.Select(o => o.Answer)), budget.Prompt, clock.Elapsed.TotalSeconds);
            foreach (var o in outcomes)
            {
                Emit(observer, new PathTotalsEvent(o.Index, o.State.Name(), o.Answer, o.Rounds, o.TokensDecoded, o.TokensPrefilled));
            }
            Emit(observer, new RunFinishedEvent(result.Vote, result.TokensDecoded, result.TokensPrefilled, result.Seconds, result.TokensPerSecond));
            return result;
        }
        finally
        {
            foreach (var sequence in sequences)
            {
                sequence?.Dispose();
            }
        }
    }

    /// <summary>The path's own answer (peer comments excluded): last <c>\boxed{}</c> for math, the chosen letter for multiple choice.</summary>
    private static string? Answer(string text, Problem problem) => problem.Kind == ProblemKind.Math
        ? AnswerExtractor.ExtractMath(text)
        : AnswerExtractor.ExtractChoice(text, Math.Max(1, problem.Options?.Count ?? 4));

    private static SchedulerStep Emit(ILeapObserver? observer, SchedulerStep step)
    {
        foreach (var e in step.Events)
        {
            Emit(observer, e);
        }
        return step;
    }

    private static void Emit(ILeapObserver? observer, TraceEvent traceEvent) => observer?.OnEvent(traceEvent);

    /// <summary>Executes planned work on the sequences: edits first, then one batched generation for every path that asks for one.</summary>
    private sealed class Run(IGenerationBackend backend, IGenerationSequence[] sequences, ILeapObserver? observer) : IProgress<GenerationProgress>
    {
        private readonly Dictionary<int, int> pathOfSequence = sequences.Select((s, i) => (s.Id, i)).ToDictionary(x => x.Id, x => x.i);

        public async Task<IReadOnlyList<GenerationResult>> ExecuteAsync(IReadOnlyList<PathWork> work, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var requests = new List<GenerationRequest>();
            foreach (var w in work)
            {
                var sequence = sequences[w.Path];
                if (w.TruncateTo is int length)
                {
                    sequence.Truncate(length);
                }
                if (w.Append.Length > 0)
                {
                    sequence.Append(w.Append);
                }
                if (w.Generate is { } spec)
                {
                    requests.Add(new GenerationRequest(sequence, spec.MaxTokens, spec.Stops));
                }
            }
            if (requests.Count == 0)
            {
                return [];
            }
            if (requests.Count != work.Count)
            {
                throw new InvalidOperationException("a step mixes edit-only work with generations; the scheduler plans them apart");
            }
            return await backend.GenerateAsync(requests, observer is null ? null : this, cancellationToken).ConfigureAwait(false);
        }

        public void Report(GenerationProgress value)
        {
            if (pathOfSequence.TryGetValue(value.SequenceId, out var path))
            {
                observer?.OnTokens(path, value.Delta, value.TokensDecoded);
            }
        }
    }
}
