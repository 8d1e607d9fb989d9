using Kinship.Lineage.Traits;

namespace Kinship.Lineage.Tests.Traits;

public sealed class LanguageNamesTests
{
    [Theory]
    [InlineData("en", "English")]
    [InlineData("zh", "Chinese")]
    [InlineData("FR", "French")]
    [InlineData("pt", "Portuguese")]
    [InlineData("ko", "Korean")]
    public void Iso_639_1_codes_have_english_names(string code, string name)
    {
        Assert.True(LanguageNames.TryGetName(code, out var found));
        Assert.Equal(name, found);
    }

    [Theory]
    [InlineData("eng")]
    [InlineData("xx")]
    [InlineData("multilingual")]
    [InlineData("")]
    [InlineData(null)]
    public void Three_letter_codes_and_other_tags_are_not_languages(string? tag)
    {
        Assert.False(LanguageNames.IsCode(tag));
        Assert.False(LanguageNames.TryGetName(tag, out _));
    }

    [Fact]
    public void Table_holds_the_184_iso_639_1_codes_pycountry_knows_with_distinct_names()
    {
        Assert.Equal(184, LanguageNames.All.Count);
        Assert.Equal(184, LanguageNames.All.Values.Distinct(StringComparer.Ordinal).Count());
    }
}
