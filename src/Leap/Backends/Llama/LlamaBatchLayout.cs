using System.Runtime.InteropServices;

namespace Kinship.Leap.Backends.Llama;

/// <summary>llama.cpp's <c>llama_batch</c>, field for field (token, embd, pos, n_seq_id, seq_id, logits), passed by value.</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly record struct LlamaBatchLayout(int Tokens, IntPtr Token, IntPtr Embedding, IntPtr Position, IntPtr SequenceIdCount, IntPtr SequenceIds, IntPtr Logits);
