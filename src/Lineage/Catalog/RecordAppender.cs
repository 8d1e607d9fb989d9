using DuckDB.NET.Data;
using Kinship.Lineage.Hub;

namespace Kinship.Lineage.Catalog;

/// <summary>Appends one canonical record to the catalog's <c>models</c> and <c>parents</c> appenders.</summary>
internal static class RecordAppender
{
    public static void Append(DuckDBAppender models, DuckDBAppender parents, ModelRecord record, string source, long seq)
    {
        models.CreateRow()
            .AppendValue(record.Id)
            .AppendValue(record.Author)
            .AppendValue(record.CreatedAt)
            .AppendValue(record.LastModified)
            .AppendValue(record.Downloads)
            .AppendValue(record.Likes)
            .AppendValue(record.TrendingScore)
            .AppendValue(record.Task)
            .AppendValue(record.Library)
            .AppendValue(record.Tags)
            .AppendValue(record.Licenses)
            .AppendValue(record.Languages)
            .AppendValue(record.OtherLanguages)
            .AppendValue(record.Datasets)
            .AppendValue(record.ArxivIds)
            .AppendValue(record.Gated)
            .AppendValue(record.Private)
            .AppendValue(record.ParentDisagreements)
            .AppendValue(record.Card)
            .AppendValue(record.RawJson)
            .AppendValue(source)
            .AppendValue(seq)
            .EndRow();
        foreach (var link in record.Parents)
        {
            parents.CreateRow()
                .AppendValue(record.Id)
                .AppendValue(link.Parent)
                .AppendValue(link.Relation.Name())
                .AppendValue(CatalogImporter.SourceName(link.Source))
                .AppendValue(seq)
                .EndRow();
        }
    }
}
