using System.Buffers.Binary;
using System.Text;

namespace Kinship.Leap.Backends.Llama;

/// <summary>The header and scalar metadata of a GGUF file, read without handing the file to llama.cpp.</summary>
/// <param name="Path">The file read.</param>
/// <param name="Version">GGUF format version (2 or 3).</param>
/// <param name="TensorCount">Number of tensors the file declares.</param>
/// <param name="Values">Scalar metadata values by key (strings, integers as <see cref="long"/>/<see cref="ulong"/>, floats as <see cref="double"/>, booleans); arrays are skipped.</param>
public sealed record GgufMetadata(string Path, uint Version, ulong TensorCount, IReadOnlyDictionary<string, object> Values)
{
    /// <summary>The four bytes every GGUF file starts with ("GGUF", little-endian 0x46554747).</summary>
    public const uint Magic = 0x46554747;

    /// <summary>The model architecture (<c>general.architecture</c>), or null when absent.</summary>
    public string? Architecture => Values.TryGetValue("general.architecture", out var v) ? v as string : null;

    /// <summary>The context length the model was trained for (<c>{arch}.context_length</c>), or null when absent.</summary>
    public long? TrainedContextLength =>
        Architecture is { } arch && Values.TryGetValue(arch + ".context_length", out var v) ? Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture) : null;

    /// <summary>The model's own Jinja chat template (<c>tokenizer.chat_template</c>), or null when it has none.</summary>
    public string? ChatTemplate => Values.TryGetValue("tokenizer.chat_template", out var v) ? v as string : null;

    /// <summary>Reads the header and scalar metadata of <paramref name="path"/>; one clear <see cref="LlamaModelException"/> naming the path when it is missing or not GGUF.</summary>
    public static GgufMetadata Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new LlamaModelException(Directory.Exists(path)
                ? $"model path is a directory, not a GGUF file: {path}"
                : $"model file not found: {path}");
        }
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            var reader = new GgufKvReader(stream, path);
            return reader.ReadHeader();
        }
        catch (EndOfStreamException e)
        {
            throw new LlamaModelException($"{path} is not a complete GGUF file: it ends inside its metadata", e);
        }
    }

    private sealed class GgufKvReader(Stream stream, string path)
    {
        private readonly byte[] _scratch = new byte[8];

        public GgufMetadata ReadHeader()
        {
            if (stream.Length < 24)
            {
                throw new LlamaModelException($"{path} is not a GGUF model file (it is {stream.Length} bytes, shorter than a GGUF header)");
            }
            var magic = ReadUInt32();
            if (magic != Magic)
            {
                throw new LlamaModelException($"{path} is not a GGUF model file (it does not start with the bytes \"GGUF\"); convert the model to GGUF for llama.cpp");
            }
            var version = ReadUInt32();
            if (version is < 2 or > 3)
            {
                throw new LlamaModelException($"{path} is GGUF version {version}; only versions 2 and 3 are supported");
            }
            var tensors = ReadUInt64();
            var kvCount = ReadUInt64();
            if (kvCount > 1_000_000)
            {
                throw new LlamaModelException($"{path} declares {kvCount} metadata entries; the file is damaged");
            }
            var values = new Dictionary<string, object>(StringComparer.Ordinal);
            for (ulong i = 0; i < kvCount; i++)
            {
                var key = ReadString();
                var type = ReadUInt32();
                var value = ReadValue(type, key);
                if (value is not null)
                {
                    values[key] = value;
                }
            }
            return new GgufMetadata(path, version, tensors, values);
        }

        private object? ReadValue(uint type, string key)
        {
            switch (type)
            {
                case 0: return (long)ReadExact(1)[0];
                case 1: return (long)(sbyte)ReadExact(1)[0];
                case 2: return (long)BinaryPrimitives.ReadUInt16LittleEndian(ReadExact(2));
                case 3: return (long)BinaryPrimitives.ReadInt16LittleEndian(ReadExact(2));
                case 4: return (long)ReadUInt32();
                case 5: return (long)BinaryPrimitives.ReadInt32LittleEndian(ReadExact(4));
                case 6: return (double)BinaryPrimitives.ReadSingleLittleEndian(ReadExact(4));
                case 7: return ReadExact(1)[0] != 0;
                case 8: return ReadString();
                case 9:
                    SkipArray(key);
                    return null;
                case 10: return ReadUInt64();
                case 11: return BinaryPrimitives.ReadInt64LittleEndian(ReadExact(8));
                case 12: return BinaryPrimitives.ReadDoubleLittleEndian(ReadExact(8));
                default:
                    throw new LlamaModelException($"{path}: metadata key '{key}' has unknown GGUF type {type}; the file is damaged");
            }
        }

        private void SkipArray(string key)
        {
            var elementType = ReadUInt32();
            var count = ReadUInt64();
            long size = elementType switch
            {
                0 or 1 or 7 => 1,
                2 or 3 => 2,
                4 or 5 or 6 => 4,
                10 or 11 or 12 => 8,
                _ => -1,
            };
            if (size > 0)
            {
                stream.Seek(checked((long)count * size), SeekOrigin.Current);
                return;
            }
            for (ulong i = 0; i < count; i++)
            {
                if (elementType == 8)
                {
                    var length = ReadUInt64();
                    stream.Seek(checked((long)length), SeekOrigin.Current);
                }
                else if (elementType == 9)
                {
                    SkipArray(key);
                }
                else
                {
                    throw new LlamaModelException($"{path}: metadata array '{key}' has unknown element type {elementType}; the file is damaged");
                }
            }
        }

        private string ReadString()
        {
            var length = ReadUInt64();
            if (length > int.MaxValue || (long)length > stream.Length - stream.Position)
            {
                throw new LlamaModelException($"{path}: a metadata string claims {length} bytes; the file is damaged or not GGUF");
            }
            var bytes = new byte[(int)length];
            stream.ReadExactly(bytes);
            return Encoding.UTF8.GetString(bytes);
        }

        private uint ReadUInt32() => BinaryPrimitives.ReadUInt32LittleEndian(ReadExact(4));

        private ulong ReadUInt64() => BinaryPrimitives.ReadUInt64LittleEndian(ReadExact(8));

        private ReadOnlySpan<byte> ReadExact(int count)
        {
            stream.ReadExactly(_scratch, 0, count);
            return _scratch.AsSpan(0, count);
        }
    }
}
