using System.Text.Json;
using Kinship.Lineage.Hub;

namespace Kinship.Lineage.Tests.Hub;

public sealed class CardMetadataTests
{
    [Fact]
    public void Front_matter_gives_base_models_relation_license_and_language()
    {
        var card = "---\nbase_model:\n- org/a\n- org/b\nbase_model_relation: merge\nlicense: apache-2.0\nlanguage: en\n---\n# Title\n---\n";

        var metadata = CardMetadata.FromCard(card);

        Assert.Equal(["org/a", "org/b"], metadata.BaseModels);
        Assert.Equal(Relation.Merge, metadata.Relation);
        Assert.Equal(["apache-2.0"], metadata.Licenses);
        Assert.Equal(["en"], metadata.Languages);
    }

    [Fact]
    public void A_card_without_front_matter_declares_nothing()
    {
        Assert.Same(CardMetadata.Empty, CardMetadata.FromCard("# Just a title\n---\nbase_model: x\n---"));
        Assert.Same(CardMetadata.Empty, CardMetadata.FromCard(null));
    }

    [Fact]
    public void Card_data_object_with_a_string_base_model_is_one_parent()
    {
        using var document = JsonDocument.Parse("""{"base_model": "org/a", "license": ["mit", "other"]}""");

        var metadata = CardMetadata.FromJson(document.RootElement);

        Assert.Equal(["org/a"], metadata.BaseModels);
        Assert.Null(metadata.Relation);
        Assert.Equal(["mit", "other"], metadata.Licenses);
    }

    [Fact]
    public void Tags_and_card_parents_are_unioned_and_disagreements_recorded()
    {
        var record = new ModelRecord { Id = "x/child", Tags = ["base_model:org/a", "base_model:finetune:org/a", "base_model:org/c", "base_model:finetune:org/c"] };
        var card = new CardMetadata(["org/a", "org/b"], null, [], []);

        var complete = ModelRecordAssembly.Complete(record, card);

        Assert.Equal(
            [
                new ParentLink("org/a", Relation.Finetune, ParentSource.Tags | ParentSource.Card),
                new ParentLink("org/c", Relation.Finetune, ParentSource.Tags),
                new ParentLink("org/b", Relation.Unknown, ParentSource.Card),
            ],
            complete.Parents);
        Assert.Equal(["org/c", "org/b"], complete.ParentDisagreements);
    }

    [Fact]
    public void A_silent_side_is_no_disagreement()
    {
        var record = new ModelRecord { Id = "x/child", Tags = ["base_model:org/a"] };

        Assert.Empty(ModelRecordAssembly.Complete(record, CardMetadata.Empty).ParentDisagreements);
        Assert.Empty(ModelRecordAssembly.Complete(record with { Tags = [] }, new CardMetadata(["org/a"], null, [], [])).ParentDisagreements);
    }

    [Fact]
    public void Licenses_come_from_tags_and_from_the_card_only_when_no_tag_names_one()
    {
        var card = new CardMetadata([], null, ["apache-2.0"], []);

        Assert.Equal(["mit"], ModelRecordAssembly.Complete(new ModelRecord { Id = "a/b", Tags = ["license:mit"] }, card).Licenses);
        Assert.Equal(["apache-2.0"], ModelRecordAssembly.Complete(new ModelRecord { Id = "a/b", Tags = ["en"] }, card).Licenses);
    }

    [Fact]
    public void Python_list_literals_parse_with_quotes_and_escapes()
    {
        Assert.Equal(["a", "b c", "it's", "x\\y"], PythonListLiteral.Parse("['a', 'b c', \"it's\", 'x\\\\y']"));
        Assert.Empty(PythonListLiteral.Parse("[]"));
        Assert.Empty(PythonListLiteral.Parse("nan"));
        Assert.Throws<FormatException>(() => PythonListLiteral.Parse("['a', b]"));
        Assert.Throws<FormatException>(() => PythonListLiteral.Parse("['a'"));
    }
}
