namespace Kinship.Lineage.Cli.Commands;

/// <summary>A text file written to a temporary name and renamed into place on <see cref="Commit"/>; discarded otherwise.</summary>
internal sealed class AtomicTextFile : IDisposable
{
    private readonly string _path;
    private readonly string _temporary;
    private bool _committed;

    public AtomicTextFile(string path)
    {
        _path = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(_path)!;
        Directory.CreateDirectory(directory);
        _temporary = Path.Combine(directory, $".{Path.GetFileName(_path)}.{Guid.NewGuid():N}.tmp");
        Writer = new StreamWriter(_temporary);
    }

    public StreamWriter Writer { get; }

    public void Commit()
    {
        Writer.Flush();
        Writer.Dispose();
        File.Move(_temporary, _path, overwrite: true);
        _committed = true;
    }

    public void Dispose()
    {
        if (!_committed)
        {
            Writer.Dispose();
            File.Delete(_temporary);
        }
    }
}
