using System.Reflection;

namespace Kinship.Lineage.Web;

/// <summary>The front end, embedded in the assembly (<c>wwwroot/**</c>): served from memory, nothing read from disk or a CDN.</summary>
internal sealed class StaticAssets
{
    private const string Prefix = "wwwroot/";
    private readonly Dictionary<string, byte[]> _files = new(StringComparer.Ordinal);

    public StaticAssets()
    {
        var assembly = typeof(StaticAssets).Assembly;
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(Prefix, StringComparison.Ordinal))
            {
                continue;
            }
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            _files[name[Prefix.Length..].Replace('\\', '/')] = copy.ToArray();
        }
    }

    /// <summary>The bytes of a file under wwwroot (path relative to it), or null.</summary>
    public byte[]? Get(string path) => _files.GetValueOrDefault(path);

    /// <summary>The Content-Type of a file by its extension.</summary>
    public static string ContentType(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" or ".mjs" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".json" => "application/json; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        ".md" => "text/markdown; charset=utf-8",
        _ => "application/octet-stream",
    };

    internal static Assembly Assembly => typeof(StaticAssets).Assembly;
}
