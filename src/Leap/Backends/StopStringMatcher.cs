namespace Kinship.Leap.Backends;

/// <summary>
/// Finds stop strings in text that arrives in pieces (one token's decoded characters at a time), including
/// stop strings that straddle token boundaries. Keeps only the last (longest stop − 1) characters between pieces.
/// </summary>
public sealed class StopStringMatcher
{
    private readonly string[] _stops;
    private readonly int _keep;
    private char[] _buffer;
    private int _tail;

    /// <summary>Creates a matcher for <paramref name="stops"/>; empty strings are ignored.</summary>
    public StopStringMatcher(IEnumerable<string> stops)
    {
        ArgumentNullException.ThrowIfNull(stops);
        _stops = stops.Where(s => !string.IsNullOrEmpty(s)).Distinct(StringComparer.Ordinal).ToArray();
        _keep = _stops.Length == 0 ? 0 : _stops.Max(s => s.Length) - 1;
        _buffer = new char[Math.Max(16, _keep * 2)];
    }

    /// <summary>Length of the longest stop string (0 when there is none): text closer than this to the end may still become part of a match.</summary>
    public int LongestStop => _stops.Length == 0 ? 0 : _keep + 1;

    /// <summary>True when there is at least one stop string to look for.</summary>
    public bool IsActive => _stops.Length > 0;

    /// <summary>
    /// Adds the next decoded characters and returns the stop string that ends earliest within them
    /// (ties: the longer one), or null when none has completed.
    /// </summary>
    public string? Feed(ReadOnlySpan<char> piece) => Feed(piece, out _);

    /// <summary>
    /// Adds the next decoded characters and returns the stop string that ends earliest within them (ties: the
    /// longer one), with <paramref name="endInPiece"/> the offset in <paramref name="piece"/> just after its last character.
    /// </summary>
    public string? Feed(ReadOnlySpan<char> piece, out int endInPiece)
    {
        endInPiece = 0;
        if (_stops.Length == 0 || piece.IsEmpty)
        {
            return null;
        }
        var total = _tail + piece.Length;
        if (_buffer.Length < total)
        {
            Array.Resize(ref _buffer, Math.Max(total, _buffer.Length * 2));
        }
        piece.CopyTo(_buffer.AsSpan(_tail));
        var window = _buffer.AsSpan(0, total);

        string? best = null;
        var bestEnd = int.MaxValue;
        foreach (var stop in _stops)
        {
            // only matches that end inside the new piece are new; earlier ones were reported before
            var from = Math.Max(0, _tail - stop.Length + 1);
            var at = window[from..].IndexOf(stop.AsSpan(), StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }
            var end = from + at + stop.Length;
            if (end < bestEnd || (end == bestEnd && stop.Length > best!.Length))
            {
                best = stop;
                bestEnd = end;
            }
        }

        if (best is not null)
        {
            endInPiece = bestEnd - _tail;
        }
        var keep = Math.Min(_keep, total);
        window[(total - keep)..].CopyTo(_buffer);
        _tail = keep;
        return best;
    }

    /// <summary>Sets the text that precedes the first piece, so a stop string may begin in it; nothing in it is reported.</summary>
    public void Prime(ReadOnlySpan<char> history)
    {
        var keep = Math.Min(_keep, history.Length);
        if (_buffer.Length < keep)
        {
            Array.Resize(ref _buffer, keep);
        }
        history[^keep..].CopyTo(_buffer);
        _tail = keep;
    }

    /// <summary>Forgets the text seen so far.</summary>
    public void Reset() => _tail = 0;
}
