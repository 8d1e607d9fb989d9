using Kinship.Lineage.Hub;

namespace Kinship.Lineage.Catalog;

/// <summary>One source to import: a file and its format (null: detect from the content).</summary>
public sealed record ImportSource(string Path, InputFormat? Format = null);
