using System.Text;

namespace Kinship.Leap.Bench;

/// <summary>A minimal GGUF v3 writer: header, metadata (typed scalars, strings, or raw entries copied from another file), tensor infos, 32-byte aligned F32/F16 data.</summary>
internal sealed class GgufWriter
{
    private const int Alignment = 32;
    private readonly List<Action<BinaryWriter>> _kv = [];
    private readonly List<(string Name, long[] Shape, int Type, Action<Stream> Write, long Bytes)> _tensors = [];

    public void Add(string key, string value) => _kv.Add(w => { WriteString(w, key); w.Write(8u); WriteString(w, value); });

    public void Add(string key, uint value) => _kv.Add(w => { WriteString(w, key); w.Write(4u); w.Write(value); });

    public void Add(string key, float value) => _kv.Add(w => { WriteString(w, key); w.Write(6u); w.Write(value); });

    /// <summary>Adds a metadata entry exactly as another GGUF file stored it (key, type and value bytes).</summary>
    public void AddRaw(byte[] entry) => _kv.Add(w => w.Write(entry));

    /// <summary>Adds a tensor of GGML type F32 (0) or F16 (1) whose values come from <paramref name="values"/> (row-major, ne0 fastest).</summary>
    public void AddTensor(string name, long[] shape, bool f16, Func<long, float> values)
    {
        var count = shape.Aggregate(1L, (a, b) => a * b);
        var bytes = count * (f16 ? 2 : 4);
        _tensors.Add((name, shape, f16 ? 1 : 0, stream =>
        {
            var buffer = new byte[1 << 16];
            var used = 0;
            for (long i = 0; i < count; i++)
            {
                if (used + 4 > buffer.Length)
                {
                    stream.Write(buffer, 0, used);
                    used = 0;
                }
                var v = values(i);
                if (f16)
                {
                    BitConverter.TryWriteBytes(buffer.AsSpan(used), (Half)v);
                    used += 2;
                }
                else
                {
                    BitConverter.TryWriteBytes(buffer.AsSpan(used), v);
                    used += 4;
                }
            }
            stream.Write(buffer, 0, used);
        }, bytes));
    }

    /// <summary>Writes the file atomically (temp + rename).</summary>
    public void Save(string path)
    {
        var temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(0x46554747u); // "GGUF"
            writer.Write(3u);
            writer.Write((ulong)_tensors.Count);
            writer.Write((ulong)_kv.Count);
            foreach (var entry in _kv)
            {
                entry(writer);
            }
            long offset = 0;
            foreach (var (name, shape, type, _, bytes) in _tensors)
            {
                WriteString(writer, name);
                writer.Write((uint)shape.Length);
                foreach (var dim in shape)
                {
                    writer.Write((ulong)dim);
                }
                writer.Write((uint)type);
                writer.Write((ulong)offset);
                offset = Align(offset + bytes);
            }
            writer.Flush();
            Pad(stream);
            foreach (var tensor in _tensors)
            {
                tensor.Write(stream);
                Pad(stream);
            }
        }
        File.Move(temp, path, overwrite: true);
    }

    private static long Align(long value) => (value + Alignment - 1) / Alignment * Alignment;

    private static void Pad(Stream stream)
    {
        var padding = Align(stream.Position) - stream.Position;
        for (var i = 0; i < padding; i++)
        {
            stream.WriteByte(0);
        }
    }

    private static void WriteString(BinaryWriter writer, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        writer.Write((ulong)bytes.Length);
        writer.Write(bytes);
    }
}
