using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Kinship.Lineage.Hub;

/// <summary>
/// The lineage-relevant fields of model-card metadata (<c>cardData</c> / README YAML front matter):
/// <c>base_model</c> (string or list), <c>base_model_relation</c>, <c>license</c>, <c>language</c>.
/// </summary>
/// <param name="BaseModels">Declared parent ids, distinct, in card order.</param>
/// <param name="Relation">The card's <c>base_model_relation</c>, or null when it names none.</param>
/// <param name="Licenses">The card's license value(s).</param>
/// <param name="Languages">The card's language value(s), as written.</param>
public sealed record CardMetadata(
    IReadOnlyList<string> BaseModels,
    Relation? Relation,
    IReadOnlyList<string> Licenses,
    IReadOnlyList<string> Languages)
{
    /// <summary>Metadata that declares nothing.</summary>
    public static CardMetadata Empty { get; } = new([], null, [], []);

    /// <summary>Parent links the card declares, each with the card's relation (or <c>unknown</c>), source <see cref="ParentSource.Card"/>.</summary>
    public IEnumerable<ParentLink> ParentLinks() =>
        BaseModels.Select(parent => new ParentLink(parent, Relation ?? Hub.Relation.Unknown, ParentSource.Card));

    /// <summary>Reads a parsed <c>cardData</c> JSON object (or a JSON string holding YAML text, as some clients write it).</summary>
    /// <exception cref="FormatException">The value is neither an object, a string nor null, or the YAML is malformed.</exception>
    public static CardMetadata FromJson(JsonElement cardData)
    {
        switch (cardData.ValueKind)
        {
            case JsonValueKind.Null or JsonValueKind.Undefined:
                return Empty;
            case JsonValueKind.String:
                return FromYaml(cardData.GetString());
            case JsonValueKind.Object:
                break;
            default:
                throw new FormatException("cardData is not an object");
        }
        IReadOnlyList<string> baseModels = [], licenses = [], languages = [];
        Relation? relation = null;
        foreach (var property in cardData.EnumerateObject())
        {
            switch (property.Name)
            {
                case "base_model":
                    baseModels = JsonStrings(property.Value);
                    break;
                case "base_model_relation":
                    relation = ParseRelation(property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null);
                    break;
                case "license":
                    licenses = JsonStrings(property.Value);
                    break;
                case "language":
                    languages = JsonStrings(property.Value);
                    break;
            }
        }
        return new CardMetadata(baseModels, relation, licenses, languages);
    }

    /// <summary>Reads YAML metadata text (the body of the front matter, without the <c>---</c> fences).</summary>
    /// <exception cref="FormatException">The YAML is malformed.</exception>
    public static CardMetadata FromYaml(string? yaml)
    {
        if (string.IsNullOrWhiteSpace(yaml))
        {
            return Empty;
        }
        var stream = new YamlStream();
        try
        {
            using var reader = new StringReader(yaml);
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            throw new FormatException("card metadata is not valid YAML: " + e.Message, e);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            return Empty;
        }
        IReadOnlyList<string> baseModels = [], licenses = [], languages = [];
        Relation? relation = null;
        foreach (var (keyNode, value) in root.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key })
            {
                continue;
            }
            switch (key)
            {
                case "base_model":
                    baseModels = YamlStrings(value);
                    break;
                case "base_model_relation":
                    relation = ParseRelation((value as YamlScalarNode)?.Value);
                    break;
                case "license":
                    licenses = YamlStrings(value);
                    break;
                case "language":
                    languages = YamlStrings(value);
                    break;
            }
        }
        return new CardMetadata(baseModels, relation, licenses, languages);
    }

    /// <summary>Reads the YAML front matter of a model card (README.md text); empty when the card has none.</summary>
    /// <exception cref="FormatException">The front matter is malformed YAML.</exception>
    public static CardMetadata FromCard(string? card)
    {
        var frontMatter = FrontMatter(card);
        return frontMatter is null ? Empty : FromYaml(frontMatter);
    }

    /// <summary>The YAML between the opening <c>---</c> line and the next <c>---</c> line, or null.</summary>
    public static string? FrontMatter(string? card)
    {
        if (card is null)
        {
            return null;
        }
        var text = card.AsSpan().TrimStart('\uFEFF');
        if (!text.StartsWith("---"))
        {
            return null;
        }
        var firstBreak = text.IndexOf('\n');
        if (firstBreak < 0 || !text[..firstBreak].TrimEnd().SequenceEqual("---"))
        {
            return null;
        }
        var body = text[(firstBreak + 1)..];
        var position = 0;
        while (position <= body.Length)
        {
            var lineEnd = body[position..].IndexOf('\n');
            var line = lineEnd < 0 ? body[position..] : body.Slice(position, lineEnd);
            if (line.TrimEnd().SequenceEqual("---"))
            {
                return body[..position].ToString();
            }
            if (lineEnd < 0)
            {
                break;
            }
            position += lineEnd + 1;
        }
        return null;
    }

    private static Relation? ParseRelation(string? text) =>
        text is not null && Relations.TryParse(text, out var relation) ? relation : null;

    private static IReadOnlyList<string> JsonStrings(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                var single = value.GetString()!.Trim();
                return single.Length == 0 ? [] : [single];
            case JsonValueKind.Array:
                var list = new List<string>();
                foreach (var item in value.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.String && item.GetString()!.Trim() is { Length: > 0 } text && !list.Contains(text))
                    {
                        list.Add(text);
                    }
                }
                return list;
            default:
                return [];
        }
    }

    private static IReadOnlyList<string> YamlStrings(YamlNode node)
    {
        switch (node)
        {
            case YamlScalarNode scalar:
                var single = scalar.Value?.Trim();
                return string.IsNullOrEmpty(single) || single is "null" or "~" ? [] : [single];
            case YamlSequenceNode sequence:
                var list = new List<string>();
                foreach (var item in sequence.Children)
                {
                    if (item is YamlScalarNode { Value: { } value } && value.Trim() is { Length: > 0 } text && !list.Contains(text))
                    {
                        list.Add(text);
                    }
                }
                return list;
            default:
                return [];
        }
    }
}
