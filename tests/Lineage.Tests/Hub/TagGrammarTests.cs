using Kinship.Lineage.Hub;

namespace Kinship.Lineage.Tests.Hub;

public sealed class TagGrammarTests
{
    [Fact]
    public void Untyped_and_typed_tags_for_one_parent_give_one_parent_with_the_typed_relation()
    {
        var facts = TagGrammar.Parse(["base_model:org/base", "base_model:finetune:org/base"]);

        var link = Assert.Single(facts.Parents);
        Assert.Equal(new ParentLink("org/base", Relation.Finetune, ParentSource.Tags), link);
    }

    [Fact]
    public void Typed_tag_before_untyped_tag_keeps_the_typed_relation()
    {
        var facts = TagGrammar.Parse(["base_model:quantized:org/base", "base_model:org/base"]);

        Assert.Equal([new ParentLink("org/base", Relation.Quantized, ParentSource.Tags)], facts.Parents);
    }

    [Fact]
    public void Untyped_tag_alone_is_an_unknown_relation()
    {
        var facts = TagGrammar.Parse(["base_model:legacy-model"]);

        Assert.Equal([new ParentLink("legacy-model", Relation.Unknown, ParentSource.Tags)], facts.Parents);
    }

    [Fact]
    public void Merge_tags_give_one_merge_parent_per_declared_parent_in_tag_order()
    {
        var facts = TagGrammar.Parse([
            "base_model:a/one", "base_model:merge:a/one",
            "base_model:b/two", "base_model:merge:b/two",
            "base_model:c/three", "base_model:merge:c/three"]);

        Assert.Equal(["a/one", "b/two", "c/three"], facts.Parents.Select(p => p.Parent));
        Assert.All(facts.Parents, p => Assert.Equal(Relation.Merge, p.Relation));
    }

    [Fact]
    public void Only_iso_639_1_two_letter_tags_count_as_languages()
    {
        var facts = TagGrammar.Parse(["en", "ZH", "xx", "ai", "qq", "eng", "fra", "multilingual", "gpt", "rag", "llm", "4-bit"]);

        Assert.Equal(["en", "zh"], facts.Languages);
        Assert.Equal(["eng", "fra", "multilingual"], facts.OtherLanguages);
    }

    [Fact]
    public void License_dataset_and_arxiv_tags_are_collected_distinct_in_order()
    {
        var facts = TagGrammar.Parse(["license:mit", "dataset:org/data", "arxiv:2106.09685", "license:other", "license:mit", "region:us", "doi:10.1/x"]);

        Assert.Equal(["mit", "other"], facts.Licenses);
        Assert.Equal(["org/data"], facts.Datasets);
        Assert.Equal(["2106.09685"], facts.ArxivIds);
        Assert.Empty(facts.Parents);
    }

    [Fact]
    public void Between_two_typed_relations_the_study_precedence_wins()
    {
        var facts = TagGrammar.Parse(["base_model:finetune:org/base", "base_model:adapter:org/base"]);

        Assert.Equal(Relation.Adapter, Assert.Single(facts.Parents).Relation);
    }

    [Fact]
    public void Iso_code_lists_have_the_standard_sizes()
    {
        Assert.Equal(184, IsoLanguageCodes.TwoLetter.Count);
        Assert.True(LanguageDeclaration.IsTwoLetter("zu"));
        Assert.False(LanguageDeclaration.IsTwoLetter("xx"));
        Assert.True(LanguageDeclaration.IsOther("ger"));
        Assert.True(LanguageDeclaration.IsOther("deu"));
    }
}
