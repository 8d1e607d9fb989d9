using System.Text;

namespace Kinship.Leap.Bench;

/// <summary>Reads a GGUF file's metadata entries as raw bytes (key, type, value), to copy a tokenizer into a generated model.</summary>
internal static class GgufEntries
{
    public static Dictionary<string, byte[]> Read(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream);
        if (reader.ReadUInt32() != 0x46554747u)
        {
            throw new InvalidDataException($"{path} is not GGUF");
        }
        reader.ReadUInt32();
        reader.ReadUInt64();
        var count = reader.ReadUInt64();
        var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        for (ulong i = 0; i < count; i++)
        {
            var start = stream.Position;
            var key = Encoding.UTF8.GetString(reader.ReadBytes((int)reader.ReadUInt64()));
            SkipValue(reader, reader.ReadUInt32());
            var end = stream.Position;
            stream.Position = start;
            entries[key] = reader.ReadBytes((int)(end - start));
        }
        return entries;
    }

    private static void SkipValue(BinaryReader reader, uint type)
    {
        switch (type)
        {
            case 0 or 1 or 7: reader.ReadByte(); break;
            case 2 or 3: reader.ReadUInt16(); break;
            case 4 or 5 or 6: reader.ReadUInt32(); break;
            case 10 or 11 or 12: reader.ReadUInt64(); break;
            case 8: reader.BaseStream.Seek((long)reader.ReadUInt64(), SeekOrigin.Current); break;
            case 9:
                var elementType = reader.ReadUInt32();
                var n = reader.ReadUInt64();
                for (ulong i = 0; i < n; i++)
                {
                    SkipValue(reader, elementType);
                }
                break;
            default: throw new InvalidDataException($"unknown GGUF type {type}");
        }
    }
}
