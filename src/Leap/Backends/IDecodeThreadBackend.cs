namespace Kinship.Leap.Backends;

/// <summary>
/// A generation backend with a decode thread of its own that a caller's loop can run on (a server's scheduler): inside
/// <see cref="RunOnDecodeThreadAsync{T}"/> the synchronous <see cref="Open"/> and <see cref="Generate"/>, and sequences'
/// <c>Fork</c> and <c>Dispose</c>, run in place, so consecutive token steps and admissions cost no thread hop.
/// </summary>
public interface IDecodeThreadBackend : IGenerationBackend
{
    /// <summary>Runs <paramref name="work"/> synchronously on the backend's decode thread; the task completes off that thread.</summary>
    Task<T> RunOnDecodeThreadAsync<T>(Func<T> work);

    /// <summary>
    /// On the decode thread: a sequence for <paramref name="prompt"/> whose prompt is not evaluated yet (a live sequence's
    /// cells for a shared prefix are lent at once). The next <see cref="Generate"/> that includes it evaluates the prompt in
    /// the same batch as the other requests' tokens; a request of 0 tokens only does that. Fork it once evaluated.
    /// </summary>
    IGenerationSequence Open(string prompt, SamplingOptions sampling);

    /// <summary>On the decode thread: <see cref="IGenerationBackend.GenerateAsync"/>, synchronously.</summary>
    IReadOnlyList<GenerationResult> Generate(IReadOnlyList<GenerationRequest> requests, IProgress<GenerationProgress>? progress, CancellationToken cancellationToken);
}
