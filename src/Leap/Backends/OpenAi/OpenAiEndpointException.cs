namespace Kinship.Leap.Backends.OpenAi;

/// <summary>An endpoint that stayed down or refused a request; the message names the URL and what went wrong.</summary>
public sealed class OpenAiEndpointException : Exception
{
    /// <summary>Creates the error for <paramref name="url"/>.</summary>
    public OpenAiEndpointException(Uri url, string problem, Exception? inner = null)
        : base($"{url}: {problem}", inner)
    {
        Url = url;
    }

    /// <summary>The URL of the failing request.</summary>
    public Uri Url { get; }
}
