namespace Kinship.Lineage.Catalog;

/// <summary>A batch of parsed lines written into data chunks off the appending thread (<see cref="RecordAppender.Fill"/>).</summary>
internal sealed class FilledBatch
{
    /// <summary>Items read (records and rejects).</summary>
    public int Read { get; set; }

    /// <summary>Records written into the chunks.</summary>
    public int Accepted { get; set; }

    /// <summary>Rejected lines in line order, with their reasons.</summary>
    public List<(long Line, string Reason)> Rejects { get; } = [];

    /// <summary>Filled <c>models</c> chunks.</summary>
    public List<RowChunk> Models { get; } = [];

    /// <summary>Filled <c>parents</c> chunks.</summary>
    public List<RowChunk> Parents { get; } = [];
}
