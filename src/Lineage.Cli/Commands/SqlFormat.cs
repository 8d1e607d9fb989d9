namespace Kinship.Lineage.Cli.Commands;

/// <summary>Output modes of <c>lineage sql</c>, named after the duckdb command line's <c>.mode</c>s.</summary>
public enum SqlFormat
{
    /// <summary>A boxed table fitted to the terminal width, long cells cut with an ellipsis, NULL shown as NULL.</summary>
    Table,

    /// <summary>RFC 4180 comma-separated values with a header row; NULL is an empty field.</summary>
    Csv,

    /// <summary>One JSON array of row objects.</summary>
    Json,

    /// <summary>One JSON object per line.</summary>
    Jsonl,

    /// <summary>A GitHub-flavoured Markdown table.</summary>
    Markdown,

    /// <summary>One <c>column = value</c> line per value, a blank line between rows.</summary>
    Line,
}
