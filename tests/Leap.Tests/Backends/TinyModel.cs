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
}
