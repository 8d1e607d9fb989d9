using System.Reflection;

namespace Kinship.Lineage.Traits;

/// <summary>Reads the small comma-separated data files embedded in this assembly (comment lines start with <c>#</c>; the first other line is the header).</summary>
internal static class EmbeddedTable
{
    /// <summary>The data rows of an embedded table as (line number, fields), header skipped.</summary>
    public static IEnumerable<(int Line, string[] Fields)> Read(string resourceName)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"embedded resource '{resourceName}' is missing from {Assembly.GetExecutingAssembly().GetName().Name}");
        using var reader = new StreamReader(stream);
        var line = 0;
        var headerSeen = false;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (text.Length == 0 || text[0] == '#')
            {
                continue;
            }
            if (!headerSeen)
            {
                headerSeen = true;
                continue;
            }
            yield return (line, text.Split(','));
        }
    }
}
