using Kinship.Lineage.Traits;

namespace Kinship.Lineage.Tests.Traits;

public sealed class CardLicenseReferenceTests
{
    private const string LlamaCard = """
        ---
        license: other
        license_name: "Llama 3.1 Community License"
        license_link: https://llama.meta.com/llama3_1/license  # the terms
        tags:
          - license_name: nested keys are not top-level
        ---
        # My model
        license_name: body text is not front matter
        """;

    [Fact]
    public void Front_matter_license_name_and_link_are_read()
    {
        var reference = CardLicenseReference.Parse(LlamaCard);

        Assert.Equal("Llama 3.1 Community License", reference.Name);
        Assert.Equal("https://llama.meta.com/llama3_1/license", reference.Link);
    }

    [Theory]
    [InlineData("llama3.1", true)]
    [InlineData("llama3", true)]
    [InlineData("llama2", false)]
    [InlineData("gemma", false)]
    public void A_reference_names_a_license_whose_letters_and_digits_it_contains(string license, bool expected)
    {
        Assert.Equal(expected, CardLicenseReference.Parse(LlamaCard).Names(license));
    }

    [Fact]
    public void Gemma_terms_link_names_gemma()
    {
        var reference = CardLicenseReference.Parse("---\nlicense: other\nlicense_link: 'https://ai.google.dev/gemma/terms'\n---\ntext");

        Assert.Null(reference.Name);
        Assert.True(reference.Names("gemma"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("# Title\nlicense_name: llama3")]
    [InlineData("---\nlicense: mit\n---\n")]
    public void Cards_without_the_fields_have_no_reference(string? card)
    {
        var reference = CardLicenseReference.Parse(card);

        Assert.True(reference.IsEmpty);
        Assert.False(reference.Names("llama3"));
    }
}
