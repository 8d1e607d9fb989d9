using System.Collections.Frozen;

namespace Kinship.Lineage.Traits;

/// <summary>ISO 639-1 two-letter codes and their English names (the embedded <c>Traits/languages.csv</c>), as the study named languages.</summary>
public static class LanguageNames
{
    private const string ResourceName = "Kinship.Lineage.Traits.languages.csv";
    private static readonly Lazy<FrozenDictionary<string, string>> Table = new(Read);

    /// <summary>Every code → name pair.</summary>
    public static IReadOnlyDictionary<string, string> All => Table.Value;

    /// <summary>Whether a tag is an ISO 639-1 code (exactly two letters, case-insensitive).</summary>
    public static bool IsCode(string? tag) => tag is { Length: 2 } && Table.Value.ContainsKey(tag.ToLowerInvariant());

    /// <summary>The English name of an ISO 639-1 code; false when the code is not one.</summary>
    public static bool TryGetName(string? code, out string name)
    {
        if (code is { Length: 2 } && Table.Value.TryGetValue(code.ToLowerInvariant(), out var found))
        {
            name = found;
            return true;
        }
        name = "";
        return false;
    }

    /// <summary>The English name of a code, or the code itself (trimmed) when it is not an ISO 639-1 code.</summary>
    public static string NameOrCode(string code) => TryGetName(code?.Trim(), out var name) ? name : code?.Trim() ?? "";

    private static FrozenDictionary<string, string> Read()
    {
        var table = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (line, fields) in EmbeddedTable.Read(ResourceName))
        {
            if (fields.Length != 2 || fields[0].Length != 2 || fields[1].Length == 0 || !table.TryAdd(fields[0], fields[1]))
            {
                throw new InvalidDataException($"{ResourceName} line {line}: expected a new 'code,name' pair, got '{string.Join(',', fields)}'");
            }
        }
        return table.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
