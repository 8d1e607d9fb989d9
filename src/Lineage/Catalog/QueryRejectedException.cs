namespace Kinship.Lineage.Catalog;

/// <summary>SQL that <c>lineage sql</c> does not run: it does not parse, holds more than one statement, or is not a query.</summary>
public sealed class QueryRejectedException : Exception
{
    /// <summary>An exception with a message for the user.</summary>
    public QueryRejectedException(string message) : base(message)
    {
    }

    /// <summary>An exception without a message.</summary>
    public QueryRejectedException() : base("not a read-only query")
    {
    }

    /// <summary>An exception wrapping another.</summary>
    public QueryRejectedException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
