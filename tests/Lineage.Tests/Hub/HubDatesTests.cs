using System.Globalization;
using Kinship.Lineage.Hub;

namespace Kinship.Lineage.Tests.Hub;

/// <summary>The direct reading of the Hub API's date form agrees with .NET's parser on every text, valid or not.</summary>
public sealed class HubDatesTests
{
    private static bool Reference(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out value);

    public static TheoryData<string> Texts() =>
    [
        "2022-03-02T23:29:04.000Z", "2025-01-23T14:13:54.123Z", "0001-01-01T00:00:00.000Z", "9999-12-31T23:59:59.999Z",
        "2024-02-29T12:00:00.000Z", "2023-02-29T12:00:00.000Z", "2022-02-30T00:00:00.000Z", "2022-13-01T00:00:00.000Z",
        "2022-00-10T00:00:00.000Z", "2022-04-31T00:00:00.000Z", "2022-04-00T00:00:00.000Z", "2022-04-10T24:00:00.000Z",
        "2022-04-10T23:60:00.000Z", "2022-04-10T23:59:60.000Z", "0000-01-01T00:00:00.000Z", "2022-04-1xT00:00:00.000Z",
        "2022-04-10T00:00:00.000z", "2022-04-10 00:00:00.000Z", "  2022-04-10T00:00:00.000Z ", "2022-04-10T00:00:00Z",
        "2022-04-10T00:00:00.0000Z", "2025-01-23 14:13:54+00:00", "2025-01-23T14:13:54+02:00", "2025-01-23", "", "garbage",
        "２０２２-04-10T00:00:00.000Z",
    ];

    [Theory]
    [MemberData(nameof(Texts))]
    public void A_text_parses_to_what_dotnets_parser_gives(string text)
    {
        var expected = Reference(text, out var reference);

        Assert.Equal(expected, HubDates.TryParse(text, out var value));
        Assert.Equal(reference, value);
        Assert.Equal(reference.Offset, value.Offset);
    }
}
