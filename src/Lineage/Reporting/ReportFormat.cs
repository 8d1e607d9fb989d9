using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kinship.Lineage.Reporting;

/// <summary>Number formatting and JSON settings shared by the report writers.</summary>
public static class ReportFormat
{
    /// <summary>camelCase JSON with nulls kept (an absent value is meaningful in results).</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        NumberHandling = JsonNumberHandling.Strict,
    };

    /// <summary>A similarity or share with three decimals; "–" for none.</summary>
    public static string Number(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("0.000", CultureInfo.InvariantCulture) : "–";

    /// <summary>A share as a percentage with two decimals.</summary>
    public static string Percent(double share) => (share * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%";

    /// <summary>A count with thousands separators.</summary>
    public static string Count(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);
}
