namespace Kinship.Leap.Prompting;

/// <summary>Summary normalization and extraction (LeaP paper's released procedure, §2.4 of our notes).</summary>
public static class SummaryText
{
    /// <summary>
    /// Normalizes a generated summary: deletes every <c>&lt;/think&gt;</c>; keeps a text ending with <c>&lt;/summarize&gt;</c>;
    /// completes a partial closing tag of at least two characters (<c>&lt;/summ</c>); otherwise (cap hit) appends <c>... &lt;/summarize&gt;</c>.
    /// </summary>
    public static string Normalize(string generated)
    {
        ArgumentNullException.ThrowIfNull(generated);
        var text = generated.Replace(PromptBook.ThinkClose, "", StringComparison.Ordinal);
        const string close = PromptBook.SummarizeClose;
        var end = text.IndexOf(close, StringComparison.Ordinal);
        if (end >= 0)
        {
            return text[..(end + close.Length)];
        }
        for (var length = close.Length - 1; length >= 2; length--)
        {
            if (text.EndsWith(close.AsSpan(0, length), StringComparison.Ordinal))
            {
                return text + close[length..];
            }
        }
        return text + "... " + close;
    }

    /// <summary>The summary a path shares: the text after its last <c>&lt;summarize&gt;</c> up to the next <c>&lt;/summarize&gt;</c>, trimmed.</summary>
    public static string Extract(string pathText)
    {
        ArgumentNullException.ThrowIfNull(pathText);
        var start = pathText.LastIndexOf(PromptBook.SummarizeOpen, StringComparison.Ordinal);
        if (start < 0)
        {
            return "";
        }
        start += PromptBook.SummarizeOpen.Length;
        var end = pathText.IndexOf(PromptBook.SummarizeClose, start, StringComparison.Ordinal);
        return (end < 0 ? pathText[start..] : pathText[start..end]).Trim();
    }

    /// <summary>
    /// Length of <paramref name="text"/> once its dangling last paragraph is dropped: everything after the last blank line
    /// at or after <paramref name="from"/> goes (trailing whitespace before it too). With no blank line there, nothing is dropped,
    /// so a segment without paragraph breaks is kept whole rather than lost.
    /// </summary>
    public static int WithoutDanglingParagraph(string text, int from)
    {
        ArgumentNullException.ThrowIfNull(text);
        var blank = text.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (blank < from || blank <= 0)
        {
            return text.Length;
        }
        var keep = blank;
        while (keep > from && char.IsWhiteSpace(text[keep - 1]))
        {
            keep--;
        }
        return keep;
    }
}
