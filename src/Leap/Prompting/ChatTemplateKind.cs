namespace Kinship.Leap.Prompting;

/// <summary>Which chat template turns messages into the prompt text.</summary>
public enum ChatTemplateKind
{
    /// <summary>The model's own template, applied by the backend (the default).</summary>
    Backend,
    /// <summary>ChatML (<c>&lt;|im_start|&gt;role ... &lt;|im_end|&gt;</c>): Qwen, QwQ.</summary>
    ChatMl,
    /// <summary>DeepSeek-R1 (<c>&lt;｜User｜&gt; ... &lt;｜Assistant｜&gt;&lt;think&gt;</c>): the R1-Distill models.</summary>
    DeepSeekR1,
    /// <summary>Llama 3 header blocks (<c>&lt;|start_header_id|&gt;user&lt;|end_header_id|&gt;</c>).</summary>
    Llama3,
    /// <summary>No template: the message contents, one after another.</summary>
    Raw,
}
