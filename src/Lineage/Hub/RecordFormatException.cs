namespace Kinship.Lineage.Hub;

/// <summary>A record of a source is malformed; the message is the reject reason (a field name and what is wrong).</summary>
public sealed class RecordFormatException : Exception
{
    public RecordFormatException()
    {
    }

    public RecordFormatException(string message)
        : base(message)
    {
    }

    public RecordFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
