namespace Kinship.Leap.Backends.Llama;

/// <summary>One <c>llama_decode</c> call of the in-process backend, as reported to <see cref="LlamaBackend.DecodeStepObserver"/>.</summary>
/// <param name="ThreadId">Managed id of the thread the decode ran on (always the backend's decode thread).</param>
/// <param name="Tokens">Tokens in the batch.</param>
/// <param name="Sequences">Sequences with tokens in the batch.</param>
/// <param name="Seconds">Wall time of the decode call.</param>
public readonly record struct LlamaDecodeStep(int ThreadId, int Tokens, int Sequences, double Seconds)
{
    /// <summary>True when some sequence evaluated more than one token: prompt or appended text (prefill), not only sampled tokens.</summary>
    public bool IsPrefill => Tokens > Sequences;
}
