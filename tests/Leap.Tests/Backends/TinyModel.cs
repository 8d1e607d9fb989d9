using System.Buffers.Binary;
using System.Text;
using Kinship.Leap.Backends.Llama;

namespace Kinship.Leap.Tests.Backends;

/// <summary>The shared tiny llama (stories260K) and small backends over it for mechanics tests.</summary>
internal static class TinyModel
{
    public const string RelativePath = "models/stories260K.gguf";

    public static string Path => SharedData.RequireFile(RelativePath);

    public static Task<LlamaBackend> LoadAsync(int contextTokens = 256, int maxSequences = 5, string? path = null) =>
        LlamaBackend.LoadAsync(new LlamaBackendOptions { ModelPath = path ?? Path, ContextTokens = contextTokens, MaxSequences = maxSequences },
            TestContext.Current.CancellationToken);

    /// <summary>
    /// A copy of stories260K whose GGUF names token <paramref name="tokenId"/> as end-of-sequence. The model ends a
    /// story with its BOS token (1), as llama2.c's TinyStories data separates stories; declaring that token EOS lets a
    /// test see the real model finish by itself.
    /// </summary>
    public static string CopyWithEndOfSequence(string directory, uint tokenId)
    {
        var bytes = File.ReadAllBytes(Path);
        var key = Encoding.UTF8.GetBytes("tokenizer.ggml.eos_token_id");
        var at = bytes.AsSpan().IndexOf(key);
        Assert.True(at > 0, "stories260K.gguf has no tokenizer.ggml.eos_token_id key");
        var typeAt = at + key.Length;
        Assert.Equal(4u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(typeAt))); // uint32
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(typeAt + 4), tokenId);
        var copy = System.IO.Path.Combine(directory, "stories260K-eos" + tokenId + ".gguf");
        File.WriteAllBytes(copy, bytes);
        return copy;
    }

    /// <summary>
    /// A copy of stories260K with a <c>tokenizer.chat_template</c> entry inserted after the header. The entry is padded
    /// to a multiple of 32 bytes so the tensor data keeps its 32-byte alignment and offsets.
    /// </summary>
    public static string CopyWithChatTemplate(string directory, string template)
    {
        var source = File.ReadAllBytes(Path);
        var key = Encoding.UTF8.GetBytes("tokenizer.chat_template");
        var fixedLength = 8 + key.Length + 4 + 8;
        var value = Encoding.UTF8.GetBytes(template);
        var padded = new byte[value.Length + (32 - (fixedLength + value.Length) % 32) % 32];
        padded.AsSpan().Fill((byte)' ');
        value.CopyTo(padded, 0);

        using var output = new MemoryStream();
        var header = source.AsSpan(0, 24).ToArray();
        BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(16), BinaryPrimitives.ReadUInt64LittleEndian(header.AsSpan(16)) + 1);
        output.Write(header);
        Span<byte> number = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(number, (ulong)key.Length);
        output.Write(number);
        output.Write(key);
        BinaryPrimitives.WriteUInt32LittleEndian(number, 8); // string
        output.Write(number[..4]);
        BinaryPrimitives.WriteUInt64LittleEndian(number, (ulong)padded.Length);
        output.Write(number);
        output.Write(padded);
        output.Write(source.AsSpan(24));
        var copy = System.IO.Path.Combine(directory, "stories260K-template.gguf");
        File.WriteAllBytes(copy, output.ToArray());
        return copy;
    }
}
