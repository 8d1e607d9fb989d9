namespace Kinship.Cli;

/// <summary>
/// llama.cpp's multi-letter single-dash options (<c>-np</c>) rewritten to their long forms before parsing, since a single dash
/// followed by letters means grouped one-letter flags to the parser.
/// </summary>
internal static class LlamaStyleArguments
{
    private static readonly Dictionary<string, string> LongForms = new(StringComparer.Ordinal)
    {
        ["-np"] = "--parallel",
    };

    /// <summary><paramref name="args"/> with every llama.cpp multi-letter short option replaced by its long form.</summary>
    public static string[] Expand(IEnumerable<string> args) => [.. args.Select(a => LongForms.GetValueOrDefault(a, a))];
}
