namespace Kinship.Lineage.Hub;

/// <summary>
/// Reads a weekly lineage CSV (<c>Model ID</c>, <c>Type</c>, <c>Base Model</c>): <c>Type</c> is a relation or empty,
/// <c>Base Model</c> is empty, one id, or several ids separated by <c>", "</c>. Parents are source <see cref="ParentSource.Table"/>.
/// </summary>
public static class WeeklyLineageReader
{
    /// <summary>The exact header of the format.</summary>
    public static readonly IReadOnlyList<string> Header = ["Model ID", "Type", "Base Model"];

    /// <summary>Reads the rows of the file.</summary>
    public static IEnumerable<SourceItem> Read(Stream stream)
    {
        using var reader = CsvSource.Open(stream);
        var names = reader.Header.ColNames;
        if (names.Count != Header.Count || !names.SequenceEqual(Header))
        {
            yield return CsvSource.WrongHeader(reader, Header);
            yield break;
        }
        while (reader.MoveNext())
        {
            var item = Convert(reader.Current);
            if (item is { } value)
            {
                yield return value;
            }
        }
    }

    private static SourceItem? Convert(nietras.SeparatedValues.SepReader.Row row)
    {
        var line = row.LineNumberFrom;
        if (row.ColCount == 1 && row[0].Span.Trim().IsEmpty)
        {
            return null; // a blank line is not a record
        }
        if (CsvSource.RowProblem(row, Header.Count) is { } problem)
        {
            return SourceItem.Rejected(line, problem);
        }
        var id = row[0].Span.Trim();
        if (id.IsEmpty)
        {
            return SourceItem.Rejected(line, "empty Model ID");
        }
        var typeText = row[1].Span.Trim();
        var relation = Relation.Unknown;
        if (!typeText.IsEmpty && !Relations.TryParse(typeText, out relation))
        {
            return SourceItem.Rejected(line, $"unknown Type '{typeText}'");
        }
        var parents = new ParentSet();
        foreach (var range in row[2].Span.Split(','))
        {
            var parent = row[2].Span[range].Trim();
            if (!parent.IsEmpty)
            {
                parents.Add(parent.ToString(), relation, ParentSource.Table);
            }
        }
        var idText = id.ToString();
        return SourceItem.Read(line, new ModelRecord
        {
            Id = idText,
            Author = ModelRecordAssembly.OwnerOf(idText),
            Parents = parents.ToList(),
        });
    }
}
