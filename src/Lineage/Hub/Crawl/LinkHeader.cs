namespace Kinship.Lineage.Hub.Crawl;

/// <summary>Reads the <c>rel="next"</c> target of an RFC 8288 <c>Link</c> header, as the Hub paginates <c>/api/models</c>.</summary>
internal static class LinkHeader
{
    /// <summary>The next page's absolute address (relative targets resolve against <paramref name="current"/>); null when there is none.</summary>
    public static Uri? FindNext(IEnumerable<string> values, Uri current)
    {
        foreach (var value in values)
        {
            var rest = value.AsSpan();
            while (!rest.IsEmpty)
            {
                var open = rest.IndexOf('<');
                if (open < 0) break;
                var close = rest[(open + 1)..].IndexOf('>');
                if (close < 0) break;
                var target = rest.Slice(open + 1, close);
                rest = rest[(open + 1 + close + 1)..];
                var end = rest.IndexOf('<');
                var parameters = end < 0 ? rest : rest[..end];
                if (HasNextRel(parameters) && Uri.TryCreate(current, target.ToString(), out var next))
                {
                    return next;
                }
            }
        }
        return null;
    }

    private static bool HasNextRel(ReadOnlySpan<char> parameters)
    {
        foreach (var range in parameters.Split(';'))
        {
            var parameter = parameters[range].Trim();
            if (!parameter.StartsWith("rel", StringComparison.OrdinalIgnoreCase)) continue;
            var equals = parameter.IndexOf('=');
            if (equals < 0) continue;
            var rels = parameter[(equals + 1)..].Trim().Trim('"').Trim(',').Trim();
            foreach (var relRange in rels.Split(' '))
            {
                if (rels[relRange].Equals("next", StringComparison.OrdinalIgnoreCase)) return true;
            }
        }
        return false;
    }
}
