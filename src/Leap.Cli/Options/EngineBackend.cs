using Kinship.Leap.Backends;
using Kinship.Leap.Backends.Llama;
using Kinship.Leap.Backends.OpenAi;
using Kinship.Leap.Engine;
using Kinship.Leap.Prompting;

namespace Kinship.Leap.Cli.Options;

/// <summary>Builds the generation backend <see cref="EngineSettings"/> describe: llama.cpp in process (-m) or OpenAI-compatible servers (--endpoint).</summary>
public static class EngineBackend
{
    /// <summary>Context --endpoint runs assume when -c/--ctx-size is not given.</summary>
    public static int EndpointDefaultContext { get; } = new OpenAiBackendOptions { Endpoints = [], Model = "" }.ContextTokens;

    /// <summary>
    /// Opens the backend for solving <paramref name="problems"/> with <paramref name="effective"/> options; the in-process context is sized by
    /// <see cref="ContextBudget.UpperBound"/> and <see cref="ContextBudget.Size"/> unless -c/--ctx-size is given, with room for <paramref name="prefix"/> text every path starts from.
    /// </summary>
    public static async Task<IGenerationBackend> OpenAsync(
        EngineSettings settings, LeapOptions effective, IReadOnlyCollection<Problem> problems, string? prefix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(effective);
        ArgumentNullException.ThrowIfNull(problems);
        if (settings.Model is { } model)
        {
            var trained = GgufMetadata.Read(Path.GetFullPath(model)).TrainedContextLength;
            // the prefix is decoded text the budget does not count: its byte bound is added before capping at the trained context
            var prefixBound = prefix is null ? 0 : System.Text.Encoding.UTF8.GetByteCount(prefix) + 1;
            long? needs = problems.Count == 0 ? null : problems.Max(p => ContextBudget.UpperBound(effective, p)) + prefixBound;
            var context = ContextBudget.Size(settings.CtxSize, needs, trained);
            return await LlamaBackend.LoadAsync(
                new LlamaBackendOptions
                {
                    ModelPath = model,
                    ContextTokens = context,
                    MaxSequences = effective.Paths + 1,
                    // the prompt sequence is forked into the paths and shares their cells, so N contexts hold every path
                    KvCacheTokens = checked(context * effective.Paths),
                    Threads = settings.Threads,
                },
                cancellationToken).ConfigureAwait(false);
        }
        return new OpenAiBackend(new OpenAiBackendOptions
        {
            Endpoints = [.. settings.Endpoints.Select(e => new Uri(e))],
            Model = settings.ServedModel!,
            ApiKey = settings.ApiKey,
            MaxConcurrentRequests = settings.MaxConcurrency,
            IdleTimeout = TimeSpan.FromSeconds(settings.RequestTimeout),
            MaxRetries = settings.Retries,
            ContextTokens = settings.CtxSize ?? EndpointDefaultContext,
        });
    }
}
