namespace Kinship.Leap.Bench;

/// <summary>
/// Writes a llama-architecture GGUF with random weights (seeded, normal σ = 0.02, F16 matrices, F32 norms) and the
/// tokenizer of stories260K: a stand-in for a mid-size model when only the tiny one is on disk.
/// </summary>
internal static class RandomLlamaModel
{
    public sealed record Shape(int Dim, int Layers, int Heads, int KvHeads, int FeedForward, int ContextLength);

    /// <summary>About 25.7M parameters: 8 layers of width 512, 8 heads, FFN 1408, vocabulary 512.</summary>
    public static readonly Shape Default25M = new(512, 8, 8, 8, 1408, 16_384);

    public static long Parameters(Shape s, int vocab)
    {
        var kv = s.Dim / s.Heads * s.KvHeads;
        var layer = 2L * s.Dim * s.Dim + 2L * s.Dim * kv + 3L * s.Dim * s.FeedForward + 2L * s.Dim;
        return s.Layers * layer + 2L * vocab * s.Dim + s.Dim;
    }

    public static string Write(string tokenizerSource, string path, Shape s, int seed)
    {
        var entries = GgufEntries.Read(tokenizerSource);
        var vocab = 512;
        var writer = new GgufWriter();
        writer.Add("general.architecture", "llama");
        writer.Add("general.name", "kinship-random-llama");
        writer.Add("general.alignment", 32u);
        writer.Add("llama.context_length", (uint)s.ContextLength);
        writer.Add("llama.embedding_length", (uint)s.Dim);
        writer.Add("llama.feed_forward_length", (uint)s.FeedForward);
        writer.Add("llama.attention.head_count", (uint)s.Heads);
        writer.Add("llama.attention.head_count_kv", (uint)s.KvHeads);
        writer.Add("llama.block_count", (uint)s.Layers);
        writer.Add("llama.rope.dimension_count", (uint)(s.Dim / s.Heads));
        writer.Add("llama.attention.layer_norm_rms_epsilon", 1e-5f);
        foreach (var (key, entry) in entries)
        {
            if (key.StartsWith("tokenizer.", StringComparison.Ordinal))
            {
                writer.AddRaw(entry);
            }
        }

        var random = new Random(seed);
        float Normal(long _)
        {
            // Box-Muller, σ = 0.02
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            return (float)(0.02 * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
        }
        static float One(long _) => 1f;
        var kv = s.Dim / s.Heads * s.KvHeads;
        writer.AddTensor("token_embd.weight", [s.Dim, vocab], true, Normal);
        writer.AddTensor("output_norm.weight", [s.Dim], false, One);
        writer.AddTensor("output.weight", [s.Dim, vocab], true, Normal);
        for (var i = 0; i < s.Layers; i++)
        {
            writer.AddTensor($"blk.{i}.attn_norm.weight", [s.Dim], false, One);
            writer.AddTensor($"blk.{i}.attn_q.weight", [s.Dim, s.Dim], true, Normal);
            writer.AddTensor($"blk.{i}.attn_k.weight", [s.Dim, kv], true, Normal);
            writer.AddTensor($"blk.{i}.attn_v.weight", [s.Dim, kv], true, Normal);
            writer.AddTensor($"blk.{i}.attn_output.weight", [s.Dim, s.Dim], true, Normal);
            writer.AddTensor($"blk.{i}.ffn_norm.weight", [s.Dim], false, One);
            writer.AddTensor($"blk.{i}.ffn_gate.weight", [s.Dim, s.FeedForward], true, Normal);
            writer.AddTensor($"blk.{i}.ffn_down.weight", [s.FeedForward, s.Dim], true, Normal);
            writer.AddTensor($"blk.{i}.ffn_up.weight", [s.Dim, s.FeedForward], true, Normal);
        }
        writer.Save(path);
        return path;
    }
}
