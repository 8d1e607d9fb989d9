namespace Kinship.Lineage.Hub;

/// <summary>Command-line names of <see cref="InputFormat"/> values.</summary>
public static class InputFormats
{
    /// <summary>Every format with its command-line name.</summary>
    public static readonly IReadOnlyList<(InputFormat Format, string Name)> All =
    [
        (InputFormat.Listing, "listing"),
        (InputFormat.ModelInfoCsv, "model-info-csv"),
        (InputFormat.ModelInfoJson, "model-info-json"),
        (InputFormat.StudyCsv, "study-csv"),
        (InputFormat.HubStatsParquet, "hub-stats-parquet"),
        (InputFormat.WeeklyCsv, "weekly-csv"),
    ];

    /// <summary>The command-line name of a format.</summary>
    public static string Name(this InputFormat format) => All.First(entry => entry.Format == format).Name;

    /// <summary>Parses a command-line format name (case-insensitive).</summary>
    public static bool TryParse(string? name, out InputFormat format)
    {
        foreach (var entry in All)
        {
            if (string.Equals(entry.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                format = entry.Format;
                return true;
            }
        }
        format = default;
        return false;
    }
}
