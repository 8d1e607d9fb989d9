namespace Kinship.Leap.Backends;

/// <summary>
/// One reasoning path's context, kept inside the backend. Appending text queues only the new tokens for
/// prefill; nothing ever re-sends or re-evaluates the whole context. Dispose to free its cache slot.
/// </summary>
public interface IGenerationSequence : IDisposable
{
    /// <summary>A backend-unique id (stable for the sequence's life).</summary>
    int Id { get; }

    /// <summary>Everything in this sequence after the prompt it started from: generated and appended text.</summary>
    string Text { get; }

    /// <summary>Tokens currently in the context, prompt included.</summary>
    int ContextTokens { get; }

    /// <summary>Total tokens sampled on this sequence (a fork starts at 0).</summary>
    long TokensDecoded { get; }

    /// <summary>Total tokens prefilled for this sequence (a fork starts at 0: the shared prompt is not counted again).</summary>
    long TokensPrefilled { get; }

    /// <summary>A new sequence sharing this one's context (its cache is shared, not copied), sampling with <paramref name="sampling"/>.</summary>
    IGenerationSequence Fork(SamplingOptions sampling);

    /// <summary>Queues <paramref name="text"/> to be appended; its tokens are prefilled by the next generation call.</summary>
    void Append(string text);

    /// <summary>Keeps only the first <paramref name="length"/> characters of <see cref="Text"/>, rewinding the context to match.</summary>
    void Truncate(int length);
}
