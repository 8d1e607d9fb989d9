namespace Kinship.Leap.Serving;

/// <summary>A completion request that cannot run on this server as asked (too long, too many choices); the message says why.</summary>
public sealed class CompletionRejectedException : Exception
{
    /// <summary>Creates the exception with a message saying what is wrong with the request.</summary>
    public CompletionRejectedException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public CompletionRejectedException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public CompletionRejectedException() : base("the completion request cannot run on this server")
    {
    }
}
