namespace Kinship.Leap.Evaluation;

/// <summary>A benchmark or grading input that cannot be read; the message names the file, line and field.</summary>
public sealed class BenchmarkFormatException : Exception
{
    /// <summary>Creates the error for <paramref name="file"/>:<paramref name="line"/> (1-based; 0 when the whole file is at fault).</summary>
    public BenchmarkFormatException(string file, int line, string? field, string problem)
        : base(Format(file, line, field, problem))
    {
        File = file;
        Line = line;
        Field = field;
    }

    /// <summary>The file at fault.</summary>
    public string File { get; }

    /// <summary>The 1-based line of the offending record (0 when the whole file is at fault).</summary>
    public int Line { get; }

    /// <summary>The offending field, when one is to blame.</summary>
    public string? Field { get; }

    private static string Format(string file, int line, string? field, string problem)
    {
        var where = line > 0 ? $"{file}:{line}" : file;
        return field is null ? $"{where}: {problem}" : $"{where}: field '{field}': {problem}";
    }
}
