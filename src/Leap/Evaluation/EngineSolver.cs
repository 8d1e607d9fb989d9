using Kinship.Leap.Backends;
using Kinship.Leap.Engine;
using Kinship.Leap.Prompting;

namespace Kinship.Leap.Evaluation;

/// <summary>Solves benchmark items with the LeaP engine, as LeaP or as the independent-sampling baseline, and grades each path.</summary>
public sealed class EngineSolver : IProblemSolver
{
    private readonly IGenerationBackend _backend;
    private readonly LeapEngine _engine;

    /// <summary>A solver over <paramref name="backend"/> running <paramref name="method"/> with <paramref name="options"/>.</summary>
    public EngineSolver(IGenerationBackend backend, LeapOptions options, EvaluationMethod method, PromptBook? book = null)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(options);
        _backend = backend;
        _engine = new LeapEngine(backend, book);
        Method = method;
        Options = EffectiveOptions(options, method);
    }

    /// <summary>The method.</summary>
    public EvaluationMethod Method { get; }

    /// <summary>The engine options actually run (for the baseline: one segment of M·T tokens, no rounds, the plain instruction).</summary>
    public LeapOptions Options { get; }

    /// <summary>The engine options the baseline runs: same N, same reasoning budget M·T in one segment, same forced answer of S tokens.</summary>
    public static LeapOptions EffectiveOptions(LeapOptions options, EvaluationMethod method)
    {
        ArgumentNullException.ThrowIfNull(options);
        return method == EvaluationMethod.Independent
            ? options with { Interval = checked(options.Interval * options.Budget), Budget = 1, SelfTrigger = true }
            : options;
    }

    /// <summary>The problem the engine sees for <paramref name="item"/>.</summary>
    public static Problem ProblemOf(BenchmarkItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.Options is { } options ? Problem.MultipleChoice(item.Problem, options) : Problem.Math(item.Problem);
    }

    /// <summary>Checks the budget against the backend for <paramref name="item"/> before a run starts (throws <see cref="LeapConfigurationException"/>).</summary>
    public void Check(BenchmarkItem item)
    {
        var problem = ProblemOf(item);
        _engine.Check(problem, Options, _engine.Prompt(problem, Options));
    }

    /// <summary>Solves and grades one item; <paramref name="observer"/> receives the engine's trace.</summary>
    public async Task<ProblemResult> SolveAsync(BenchmarkItem item, ILeapObserver? observer, string? trace, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var received = new ReceivedTokens(_backend);
        var result = await _engine.SolveAsync(ProblemOf(item), Options, observer is null ? received : new CompositeObserver(received, observer), cancellationToken).ConfigureAwait(false);
        var paths = result.Paths
            .Select(p =>
            {
                var graded = AnswerGrader.Grade(p.Text, item);
                return new PathResult(graded.Extracted, graded.Correct, p.Finished, p.TokensDecoded, p.TokensPrefilled, received.Of(p.Index));
            })
            .ToArray();
        return EvaluationMetrics.Score(item, paths, result.PromptTokens, result.Seconds, trace);
    }

    /// <summary>Counts the tokens of the peer-comment blocks each path received.</summary>
    private sealed class ReceivedTokens(IGenerationBackend backend) : ILeapObserver
    {
        private readonly Dictionary<int, long> _byPath = [];

        public long Of(int path) => _byPath.GetValueOrDefault(path);

        public void OnEvent(TraceEvent traceEvent)
        {
            if (traceEvent is InjectionEvent injection)
            {
                _byPath[injection.Path] = Of(injection.Path) + backend.CountTokens(injection.Text);
            }
        }

        public void OnTokens(int path, string delta, int tokensDecoded)
        {
        }
    }
}
