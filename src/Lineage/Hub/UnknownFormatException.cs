namespace Kinship.Lineage.Hub;

/// <summary>A source is no known input format (or cannot be read at all); nothing of it is imported.</summary>
public sealed class UnknownFormatException : Exception
{
    public UnknownFormatException()
    {
    }

    public UnknownFormatException(string message)
        : base(message)
    {
    }

    public UnknownFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
