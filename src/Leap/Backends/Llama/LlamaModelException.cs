namespace Kinship.Leap.Backends.Llama;

/// <summary>A model file or context setting the user chose cannot work; the message names the file and the fix.</summary>
public sealed class LlamaModelException : Exception
{
    /// <summary>Creates the exception with a message naming the file and what is wrong.</summary>
    public LlamaModelException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    public LlamaModelException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public LlamaModelException() : base("the llama.cpp model cannot be used")
    {
    }
}
