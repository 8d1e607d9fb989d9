using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Kinship.Leap.Backends.Llama;

/// <summary>
/// Where the in-process backend's time goes, phase by phase (sampling, decode, prefill, detokenization, stop checks, progress
/// callbacks, tokenization of appended text) and how much the decode thread allocates per sampled token. Collected when
/// <see cref="LlamaBackendOptions.CollectTimings"/> is on (<c>KINSHIP_TIMINGS=1</c>).
/// </summary>
public sealed class LlamaTimings
{
    private long _sampling;
    private long _decode;
    private long _prefill;
    private long _detokenize;
    private long _stopChecks;
    private long _progress;
    private long _tokenize;
    private long _generation;
    private long _hosted;

    /// <summary>Seconds choosing tokens (llama.cpp's sampler chain over the logits).</summary>
    public double SamplingSeconds => Seconds(_sampling);
    /// <summary>Seconds in <c>llama_decode</c> for steps that only evaluate sampled tokens.</summary>
    public double DecodeSeconds => Seconds(_decode);
    /// <summary>Seconds in <c>llama_decode</c> for steps that evaluate a prompt or appended text.</summary>
    public double PrefillSeconds => Seconds(_prefill);
    /// <summary>Seconds turning sampled tokens into text (piece lookup and UTF-8 decoding).</summary>
    public double DetokenizeSeconds => Seconds(_detokenize);
    /// <summary>Seconds matching stop strings.</summary>
    public double StopCheckSeconds => Seconds(_stopChecks);
    /// <summary>Seconds inside progress callbacks (the caller's observers).</summary>
    public double ProgressSeconds => Seconds(_progress);
    /// <summary>Seconds tokenizing appended text (on the caller's thread).</summary>
    public double TokenizeSeconds => Seconds(_tokenize);
    /// <summary>Wall seconds of all generation and prefill calls on the decode thread.</summary>
    public double GenerationSeconds => Seconds(_generation);
    /// <summary>Wall seconds of callers' loops run on the decode thread (a server's scheduler), generation calls inside them included.</summary>
    public double HostedSeconds => Seconds(_hosted);
    /// <summary>Bytes the decode thread allocated inside callers' loops (generation calls inside them included).</summary>
    public long HostedAllocatedBytes { get; private set; }
    /// <summary>Decode calls that only evaluated sampled tokens.</summary>
    public long DecodeSteps { get; private set; }
    /// <summary>Decode calls that evaluated a prompt or appended text.</summary>
    public long PrefillSteps { get; private set; }
    /// <summary>Tokens evaluated by prefill steps.</summary>
    public long PrefillStepTokens { get; private set; }
    /// <summary>Prompt and appended tokens evaluated (sampled tokens that shared a prefill step's batch are not counted).</summary>
    public long PrefilledTokens { get; private set; }
    /// <summary>Tokens sampled.</summary>
    public long TokensSampled { get; private set; }
    /// <summary>Bytes the decode thread allocated during generation calls.</summary>
    public long AllocatedBytes { get; private set; }

    /// <summary>Bytes allocated on the decode thread per sampled token.</summary>
    public double AllocatedBytesPerToken => TokensSampled == 0 ? 0 : (double)AllocatedBytes / TokensSampled;

    /// <summary>Generation time not in any measured phase (loop bookkeeping, KV edits).</summary>
    public double OtherSeconds => Math.Max(0, GenerationSeconds - SamplingSeconds - DecodeSeconds - PrefillSeconds - DetokenizeSeconds - StopCheckSeconds - ProgressSeconds);

    internal void AddSampling(long ticks) => _sampling += ticks;
    internal void AddDetokenize(long ticks) => _detokenize += ticks;
    internal void AddStopCheck(long ticks) => _stopChecks += ticks;
    internal void AddProgress(long ticks) => _progress += ticks;
    internal void AddTokenize(long ticks) => Interlocked.Add(ref _tokenize, ticks);
    internal void AddSampled() => TokensSampled++;
    internal void AddPromptTokens(int tokens) => PrefilledTokens += tokens;

    internal void AddStep(LlamaDecodeStep step, long ticks)
    {
        if (step.IsPrefill)
        {
            _prefill += ticks;
            PrefillSteps++;
            PrefillStepTokens += step.Tokens;
        }
        else
        {
            _decode += ticks;
            DecodeSteps++;
        }
    }

    internal void AddHosted(long ticks, long allocated)
    {
        _hosted += ticks;
        HostedAllocatedBytes += allocated;
    }

    internal void AddGeneration(long ticks, long allocated)
    {
        _generation += ticks;
        AllocatedBytes += allocated;
    }

    /// <summary>A readable breakdown: one line per phase with seconds and share of generation time, then the counters.</summary>
    public string Format()
    {
        var total = GenerationSeconds;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"llama timings: {total:F3}s in generation on the decode thread, {TokensSampled} tokens sampled");
        void Line(string name, double seconds, string extra = "") =>
            text.AppendLine(CultureInfo.InvariantCulture, $"  {name,-12} {seconds,9:F3}s {(total > 0 ? seconds / total : 0),7:P1}{extra}");
        Line("decode", DecodeSeconds, FormattableString.Invariant($"  ({DecodeSteps} steps, {(DecodeSteps == 0 ? 0 : DecodeSeconds * 1e3 / DecodeSteps):F3} ms/step)"));
        Line("prefill", PrefillSeconds, FormattableString.Invariant($"  ({PrefillSteps} steps, {PrefillStepTokens} tokens, {PrefilledTokens} of them prompt or appended text)"));
        Line("sampling", SamplingSeconds, FormattableString.Invariant($"  ({(TokensSampled == 0 ? 0 : SamplingSeconds * 1e6 / TokensSampled):F1} µs/token)"));
        Line("detokenize", DetokenizeSeconds);
        Line("stop checks", StopCheckSeconds);
        Line("progress", ProgressSeconds);
        Line("other", OtherSeconds);
        text.AppendLine(CultureInfo.InvariantCulture, $"  tokenize     {TokenizeSeconds,9:F3}s (appended text, caller's thread)");
        text.Append(CultureInfo.InvariantCulture, $"  allocations  {AllocatedBytes:N0} bytes on the decode thread = {AllocatedBytesPerToken:F1} bytes/token");
        if (_hosted > 0)
        {
            var perToken = TokensSampled == 0 ? 0 : (double)HostedAllocatedBytes / TokensSampled;
            text.AppendLine();
            text.Append(CultureInfo.InvariantCulture,
                $"  hosted loop  {HostedSeconds,9:F3}s on the decode thread, {Math.Max(0, HostedSeconds - total):F3}s of it outside generation calls; {HostedAllocatedBytes:N0} bytes = {perToken:F1} bytes/token with the loop's own");
        }
        return text.ToString();
    }

    private static double Seconds(long ticks) => (double)ticks / Stopwatch.Frequency;
}
