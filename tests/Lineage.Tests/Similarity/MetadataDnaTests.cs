using Kinship.Lineage.Hub;
using Kinship.Lineage.Similarity;

namespace Kinship.Lineage.Tests.Similarity;

/// <summary>Metadata DNA forms (docs/formats-similarity.md): Python's repr of the record, or its source JSON text.</summary>
public sealed class MetadataDnaTests
{
    [Fact]
    public void Python_repr_follows_pythons_quote_escape_number_and_constant_rules()
    {
        // Expected: Python 3.11 repr(json.loads(...)) of the same text, printed by the interpreter.
        const string json = """{"a":1e-05,"b":1e16,"c":1e15,"d":0.1,"e":-0.0,"f":123456789.125,"g":"it's","h":"both ' \"","i":"tab\t\u0007é\u200b\u2028😀x","j":[true,false,null],"k":2.5e-7,"l":12345678901234567890}""";
        const string expected = """{'a': 1e-05, 'b': 1e+16, 'c': 1000000000000000.0, 'd': 0.1, 'e': -0.0, 'f': 123456789.125, 'g': "it's", 'h': 'both \' "', 'i': 'tab\t\x07é\u200b\u2028😀x', 'j': [True, False, None], 'k': 2.5e-07, 'l': 12345678901234567890}""";
        Assert.Equal(expected, PythonRepr.FromJson(json));
        Assert.Equal(expected, DnaDocuments.MetadataDna(json, DnaFormat.PythonRepr));
        Assert.Equal(json, DnaDocuments.MetadataDna(json, DnaFormat.Json));
    }

    [Fact]
    public void Python_repr_keeps_source_key_order_and_a_repeated_keys_first_place_with_its_last_value()
    {
        Assert.Equal("{'z': 3, 'a': {'y': [], 'b': {}}}", PythonRepr.FromJson("""{"z":1,"a":{"y":[],"b":{}},"z":3}"""));
    }

    [Fact]
    public void A_listing_record_with_an_inline_card_keeps_its_source_text_byte_for_byte_without_the_card()
    {
        // Re-serialising would escape '+' as \u002B (openrail++ became openrail\u002B\u002B) and reflow spacing.
        const string line = """{"_id": "x1", "id": "a/b", "card": "---\nlicense: openrail++\n---", "tags": ["license:openrail++", "é"], "modelCard": null}""";
        var record = ListingReader.ParseElement(1, System.Text.Json.JsonDocument.Parse(line).RootElement, null).Record!;
        Assert.Equal("""{"_id": "x1", "id": "a/b", "tags": ["license:openrail++", "é"]}""", record.RawJson);
        Assert.Equal("""{ "b":2}""", HubJsonRecord.WithoutCardFields("""{ "card":"x", "cardText":"y","b":2}"""));
        Assert.Equal("""{"a":1}""", HubJsonRecord.WithoutCardFields("""{"a":1,"card":"x"}"""));
        Assert.Equal("{}", HubJsonRecord.WithoutCardFields("""{"card":"x"}"""));
    }
}
