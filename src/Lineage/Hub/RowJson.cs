using System.Text.Json.Serialization;

namespace Kinship.Lineage.Hub;

/// <summary>Source-generated JSON metadata for the hub-stats row (its raw JSON).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(HubStatsParquetReader.Row))]
internal sealed partial class RowJson : JsonSerializerContext;
