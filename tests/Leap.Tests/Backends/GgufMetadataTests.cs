using Kinship.Leap.Backends.Llama;

namespace Kinship.Leap.Tests.Backends;

public sealed class GgufMetadataTests
{
    [Fact]
    public void Reads_the_tiny_models_header_and_scalar_metadata()
    {
        var metadata = GgufMetadata.Read(TinyModel.Path);

        Assert.Equal(3u, metadata.Version);
        Assert.Equal(48ul, metadata.TensorCount);
        Assert.Equal("llama", metadata.Architecture);
        Assert.Equal(2048, metadata.TrainedContextLength);
        Assert.Null(metadata.ChatTemplate);
        Assert.Equal(64L, metadata.Values["llama.embedding_length"]);
        Assert.Equal(2L, metadata.Values["tokenizer.ggml.eos_token_id"]);
        Assert.False(metadata.Values.ContainsKey("tokenizer.ggml.tokens")); // arrays are skipped
    }

    [Fact]
    public void A_truncated_file_is_one_error_naming_it()
    {
        var path = Path.Combine(Path.GetTempPath(), $"kinship-truncated-{Guid.NewGuid():N}.gguf");
        try
        {
            File.WriteAllBytes(path, File.ReadAllBytes(TinyModel.Path).AsSpan(0, 100).ToArray());
            var error = Assert.Throws<LlamaModelException>(() => GgufMetadata.Read(path));
            Assert.Contains(path, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
