using System.Globalization;
using System.Text.Json;
using Kinship.Files;

namespace Kinship.Lineage.Hub;

/// <summary>
/// Reads one Hub JSON record into a <see cref="ModelRecord"/>. It accepts both the Hub API's camelCase listing items
/// (<c>id</c>/<c>modelId</c>, <c>createdAt</c>, <c>cardData</c> object, <c>baseModels</c>) and the snake_case model-info
/// records the <c>huggingface_hub</c> client serializes (<c>created_at</c>, <c>card_data</c> YAML text).
/// </summary>
public static class HubJsonRecord
{
    /// <summary>Parses a record; <paramref name="rawJson"/> is kept as <see cref="ModelRecord.RawJson"/>.</summary>
    /// <exception cref="RecordFormatException">Not an object, a missing or empty id, or a field of the wrong type.</exception>
    public static ModelRecord Parse(JsonElement root, string rawJson, string? fallbackId = null)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new RecordFormatException($"not a JSON object (a {Kind(root.ValueKind)})");
        }
        if (JsonStrings.MayHoldSurrogateEscape(rawJson) && JsonStrings.FirstLoneSurrogate(root) is { } field)
        {
            throw new RecordFormatException($"{field} holds a lone surrogate escape (such as \\ud800), which is not text");
        }
        string? id = null, modelId = null, author = null, task = null, library = null, card = null;
        DateTimeOffset? createdAt = null, lastModified = null;
        long? downloads = null, likes = null;
        double? trending = null;
        bool? gated = null, isPrivate = null;
        IReadOnlyList<string> tags = [];
        JsonElement cardData = default, cardDataText = default, baseModels = default;
        var hasCardField = false;
        foreach (var property in root.EnumerateObject())
        {
            var value = property.Value;
            switch (property.Name)
            {
                case "id":
                    id = RequiredString(value, "id");
                    break;
                case "modelId" or "model_id":
                    modelId = RequiredString(value, property.Name);
                    break;
                case "author":
                    author = OptionalString(value, "author");
                    break;
                case "createdAt" or "created_at":
                    createdAt = OptionalDate(value, property.Name);
                    break;
                case "lastModified" or "last_modified":
                    lastModified = OptionalDate(value, property.Name);
                    break;
                case "downloads":
                    downloads = OptionalCount(value, "downloads");
                    break;
                case "likes":
                    likes = OptionalCount(value, "likes");
                    break;
                case "trendingScore" or "trending_score":
                    trending = OptionalNumber(value, property.Name);
                    break;
                case "pipeline_tag":
                    task = OptionalString(value, "pipeline_tag");
                    break;
                case "library_name":
                    library = OptionalString(value, "library_name");
                    break;
                case "tags":
                    tags = StringList(value, "tags");
                    break;
                case "gated":
                    gated = value.ValueKind switch
                    {
                        JsonValueKind.True => true,
                        JsonValueKind.False or JsonValueKind.Null => value.ValueKind == JsonValueKind.False ? false : null,
                        JsonValueKind.String => true, // "auto" or "manual"
                        _ => throw new RecordFormatException("gated is not a boolean or string"),
                    };
                    break;
                case "private":
                    isPrivate = value.ValueKind switch
                    {
                        JsonValueKind.True => true,
                        JsonValueKind.False => false,
                        JsonValueKind.Null => null,
                        _ => throw new RecordFormatException("private is not a boolean"),
                    };
                    break;
                case "cardData":
                    cardData = value;
                    break;
                case "card_data":
                    cardDataText = value;
                    break;
                case "baseModels":
                    baseModels = value;
                    break;
                case "card" or "cardText" or "modelCard":
                    card = OptionalString(value, property.Name);
                    hasCardField = true;
                    break;
            }
        }
        id ??= modelId ?? fallbackId;
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new RecordFormatException(id is null ? "missing id" : "empty id");
        }
        if (cardData.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null or JsonValueKind.Object or JsonValueKind.String))
        {
            throw new RecordFormatException($"cardData is not an object (a {Kind(cardData.ValueKind)})");
        }
        if (cardDataText.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null or JsonValueKind.String))
        {
            throw new RecordFormatException($"card_data is not a string (a {Kind(cardDataText.ValueKind)})");
        }
        CardMetadata metadata;
        try
        {
            metadata = cardData.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null) ? CardMetadata.FromJson(cardData)
                : cardDataText.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null) ? CardMetadata.FromJson(cardDataText)
                : CardMetadata.FromCard(card);
        }
        catch (FormatException)
        {
            metadata = CardMetadata.Empty; // malformed card YAML declares nothing; the record still lands
        }
        var record = new ModelRecord
        {
            Id = id,
            Author = author ?? ModelRecordAssembly.OwnerOf(id),
            CreatedAt = createdAt,
            LastModified = lastModified,
            Downloads = downloads,
            Likes = likes,
            TrendingScore = trending,
            Task = task,
            Library = library,
            Tags = tags,
            Gated = gated,
            Private = isPrivate,
            Card = card,
            // The metadata DNA is the listing record itself; a card that a crawl or simulation carried inline is not part of it.
            RawJson = hasCardField ? WithoutCardFields(rawJson) : rawJson,
        };
        return ModelRecordAssembly.Complete(record, metadata, BaseModelsField(baseModels));
    }

    /// <summary>
    /// The record's JSON text without its top-level inline card fields (<c>card</c>, <c>cardText</c>, <c>modelCard</c>):
    /// each is cut out with its separating comma, and every other byte is the source's (nothing is re-serialised).
    /// </summary>
    internal static string WithoutCardFields(string rawJson)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(rawJson);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 256 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return rawJson;
        }
        // Byte ranges to cut: from the end of the previous member (or the '{') to the end of the card member's value.
        var cuts = new List<(long From, long To)>();
        var previousEnd = reader.BytesConsumed; // just after '{'
        var firstMember = true;
        var cutFirst = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var nameStart = reader.TokenStartIndex;
            var isCard = reader.ValueTextEquals("card"u8) || reader.ValueTextEquals("cardText"u8) || reader.ValueTextEquals("modelCard"u8);
            reader.Read();
            reader.Skip();
            var valueEnd = reader.BytesConsumed;
            if (isCard)
            {
                if (firstMember)
                {
                    // The first kept member must not start with a comma: cut up to the next member's name instead (below).
                    cuts.Add((nameStart, valueEnd));
                    cutFirst = true;
                }
                else if (cutFirst)
                {
                    cuts.Add((cuts[^1].To, valueEnd));
                }
                else
                {
                    cuts.Add((previousEnd, valueEnd));
                }
            }
            else
            {
                if (cutFirst)
                {
                    // Members before this one were all cut: drop the comma (and the spacing) that led to this name.
                    cuts.Add((cuts[^1].To, nameStart));
                    cutFirst = false;
                }
                previousEnd = valueEnd;
            }
            firstMember = false;
        }
        if (cuts.Count == 0)
        {
            return rawJson;
        }
        using var output = new MemoryStream(bytes.Length);
        var at = 0;
        foreach (var (from, to) in cuts)
        {
            output.Write(bytes, at, (int)from - at);
            at = (int)to;
        }
        output.Write(bytes, at, bytes.Length - at);
        return System.Text.Encoding.UTF8.GetString(output.GetBuffer(), 0, (int)output.Length);
    }

    /// <summary>Reads the hub-stats <c>baseModels</c> field: <c>{"relation": R, "models": [{"id": X}, ...]}</c>.</summary>
    private static List<ParentLink>? BaseModelsField(JsonElement value)
    {
        if (value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new RecordFormatException("baseModels is not an object");
        }
        var relation = Relation.Unknown;
        if (value.TryGetProperty("relation", out var relationValue) && relationValue.ValueKind == JsonValueKind.String)
        {
            Relations.TryParse(relationValue.GetString(), out relation);
        }
        var links = new List<ParentLink>();
        if (value.TryGetProperty("models", out var models) && models.ValueKind == JsonValueKind.Array)
        {
            foreach (var model in models.EnumerateArray())
            {
                var parent = model.ValueKind switch
                {
                    JsonValueKind.Object when model.TryGetProperty("id", out var idValue) && idValue.ValueKind == JsonValueKind.String => idValue.GetString(),
                    JsonValueKind.String => model.GetString(),
                    _ => null,
                };
                if (!string.IsNullOrWhiteSpace(parent))
                {
                    links.Add(new ParentLink(parent.Trim(), relation, ParentSource.Table));
                }
            }
        }
        return links;
    }

    private static string RequiredString(JsonElement value, string field) => value.ValueKind == JsonValueKind.String
        ? value.GetString()!
        : throw new RecordFormatException($"{field} is not a string (a {Kind(value.ValueKind)})");

    private static string? OptionalString(JsonElement value, string field) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null => null,
        _ => throw new RecordFormatException($"{field} is not a string (a {Kind(value.ValueKind)})"),
    };

    private static long? OptionalCount(JsonElement value, string field)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.Number when value.TryGetInt64(out var count):
                return count;
            case JsonValueKind.Number when value.TryGetDouble(out var real) && real == Math.Floor(real) && Math.Abs(real) < 9e18:
                return (long)real;
            default:
                throw new RecordFormatException($"{field} is not a whole number (a {Kind(value.ValueKind)})");
        }
    }

    private static double? OptionalNumber(JsonElement value, string field) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.Number => value.GetDouble(),
        _ => throw new RecordFormatException($"{field} is not a number (a {Kind(value.ValueKind)})"),
    };

    private static DateTimeOffset? OptionalDate(JsonElement value, string field)
    {
        var text = OptionalString(value, field);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        return HubDates.TryParse(text, out var date) ? date : throw new RecordFormatException($"{field} is not a date: '{text}'");
    }

    private static IReadOnlyList<string> StringList(JsonElement value, string field)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new RecordFormatException($"{field} is not a list (a {Kind(value.ValueKind)})");
        }
        var list = new string[value.GetArrayLength()];
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            list[i++] = item.ValueKind == JsonValueKind.String
                ? item.GetString()!
                : throw new RecordFormatException($"{field}[{i - 1}] is not a string (a {Kind(item.ValueKind)})");
        }
        return list;
    }

    private static string Kind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "list",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
