using System.Net;

namespace Kinship.Leap.Backends.OpenAi;

/// <summary>A failure worth retrying: 429/5xx, an idle timeout, a cut stream or a malformed reply (Retry-After kept when sent).</summary>
internal sealed class TransientCompletionException(string message, HttpStatusCode? status = null, TimeSpan? retryAfter = null, Exception? inner = null)
    : Exception(message, inner)
{
    public HttpStatusCode? Status { get; } = status;

    public TimeSpan? RetryAfter { get; } = retryAfter;
}
