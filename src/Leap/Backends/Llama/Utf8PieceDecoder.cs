using System.Text;

namespace Kinship.Leap.Backends.Llama;

/// <summary>
/// Turns token pieces (raw bytes) into characters, holding back the bytes of a UTF-8 character that is split
/// across tokens until the rest arrives (byte-fallback tokenizers emit one byte per token for rare characters).
/// </summary>
internal sealed class Utf8PieceDecoder
{
    private readonly byte[] _pending = new byte[4];
    private int _pendingCount;

    /// <summary>True when bytes of an incomplete character are held back.</summary>
    public bool HasPendingBytes => _pendingCount > 0;

    /// <summary>Decodes <paramref name="piece"/> after any held-back bytes and appends the complete characters to <paramref name="output"/>; returns how many characters were appended.</summary>
    public int Decode(ReadOnlySpan<byte> piece, StringBuilder output)
    {
        if (piece.IsEmpty)
        {
            return 0;
        }
        const int StackLimit = 256;
        var length = _pendingCount + piece.Length;
        var rented = length > StackLimit ? System.Buffers.ArrayPool<byte>.Shared.Rent(length) : null;
        var bytes = rented is null ? stackalloc byte[StackLimit] : rented;
        try
        {
            _pending.AsSpan(0, _pendingCount).CopyTo(bytes);
            piece.CopyTo(bytes[_pendingCount..]);
            var all = bytes[..length];
            var complete = CompletePrefixLength(all);
            var appended = Append(all[..complete], output);
            var rest = all[complete..];
            rest.CopyTo(_pending);
            _pendingCount = rest.Length;
            return appended;
        }
        finally
        {
            if (rented is not null)
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Emits any held-back bytes as replacement characters (the character will never complete) and returns how many characters were appended.</summary>
    public int Flush(StringBuilder output)
    {
        var appended = Append(_pending.AsSpan(0, _pendingCount), output);
        _pendingCount = 0;
        return appended;
    }

    /// <summary>Copies the held-back bytes into <paramref name="other"/> (a forked sequence continues the same character).</summary>
    public void CopyPendingTo(Utf8PieceDecoder other)
    {
        _pending.AsSpan(0, _pendingCount).CopyTo(other._pending);
        other._pendingCount = _pendingCount;
    }

    /// <summary>Drops any held-back bytes.</summary>
    public void Reset() => _pendingCount = 0;

    /// <summary>Length of the longest prefix of <paramref name="bytes"/> that does not end inside a UTF-8 character still waiting for continuation bytes.</summary>
    internal static int CompletePrefixLength(ReadOnlySpan<byte> bytes)
    {
        // look back at most 3 bytes for the lead byte of the last character
        for (var back = 1; back <= Math.Min(3, bytes.Length); back++)
        {
            var b = bytes[^back];
            if ((b & 0xC0) == 0x80)
            {
                continue; // continuation byte: keep looking for its lead
            }
            var needed = b switch
            {
                >= 0xF0 and <= 0xF7 => 4,
                >= 0xE0 => 3,
                >= 0xC0 => 2,
                _ => 1,
            };
            if (b >= 0xF8)
            {
                needed = 1; // invalid lead: decode it now as a replacement character
            }
            return needed > back ? bytes.Length - back : bytes.Length;
        }
        return bytes.Length;
    }

    private static int Append(ReadOnlySpan<byte> bytes, StringBuilder output)
    {
        if (bytes.IsEmpty)
        {
            return 0;
        }
        var before = output.Length;
        const int StackLimit = 256;
        var max = Encoding.UTF8.GetMaxCharCount(bytes.Length);
        if (max <= StackLimit)
        {
            Span<char> chars = stackalloc char[StackLimit];
            var n = Encoding.UTF8.GetChars(bytes, chars);
            output.Append(chars[..n]);
        }
        else
        {
            output.Append(Encoding.UTF8.GetString(bytes));
        }
        return output.Length - before;
    }
}
