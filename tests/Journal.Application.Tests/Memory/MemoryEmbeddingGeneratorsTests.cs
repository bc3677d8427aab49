using Journal.Application.Memory.Embeddings;
using Journal.Domain.Memory.Embeddings;
using Microsoft.Extensions.AI;

namespace Journal.Application.Tests.Memory;

public sealed class MemoryEmbeddingGeneratorsTests : IDisposable
{
    private readonly string _keyVariable = "JOURNAL_TEST_EMBEDDING_KEY_" + Guid.NewGuid().ToString("N");

    public void Dispose() => Environment.SetEnvironmentVariable(_keyVariable, null);

    private MemoryEmbeddingSettings OpenAi(string? baseUrl = "http://127.0.0.1:9/v1", string? model = "text-embedding-3-small", int? dimensions = 512) => new()
    {
        Provider = MemoryEmbeddingSettings.OpenAi,
        BaseUrl = baseUrl is null ? null : new Uri(baseUrl, UriKind.RelativeOrAbsolute),
        Model = model,
        ApiKeyEnvironmentVariable = _keyVariable,
        Dimensions = dimensions,
    };

    [Fact]
    public void Create_gives_the_offline_hashing_generator_by_default()
    {
        using var generator = MemoryEmbeddingGenerators.Create(new MemoryEmbeddingSettings());

        Assert.IsType<HashingEmbeddingGenerator>(generator);
        Assert.Equal("journal-hash-256", generator.GetService<EmbeddingGeneratorMetadata>()!.DefaultModelId);
    }

    [Fact]
    public void Create_gives_an_openai_generator_whose_metadata_names_the_model_and_dimensions()
    {
        Environment.SetEnvironmentVariable(_keyVariable, "sk-test");

        using var generator = MemoryEmbeddingGenerators.Create(OpenAi());
        var metadata = generator.GetService<EmbeddingGeneratorMetadata>()!;

        Assert.Equal(("text-embedding-3-small", 512), (metadata.DefaultModelId, metadata.DefaultModelDimensions));
        Assert.Null(generator.GetService<IInlineMemoryEmbedding>());
    }

    [Theory]
    [InlineData(null, "m", 512, true, "BaseUrl")]
    [InlineData("v1/embeddings", "m", 512, true, "BaseUrl")]
    [InlineData("ftp://127.0.0.1/v1", "m", 512, true, "BaseUrl")]
    [InlineData("http://127.0.0.1:9/v1", null, 512, true, "Model")]
    [InlineData("http://127.0.0.1:9/v1", " ", 512, true, "Model")]
    [InlineData("http://127.0.0.1:9/v1", "m", 0, true, "Dimensions")]
    [InlineData("http://127.0.0.1:9/v1", "m", 512, false, "ApiKeyEnvironmentVariable")]
    public void Validate_refuses_openai_settings_that_cannot_reach_a_model_naming_the_setting(string? baseUrl, string? model, int dimensions, bool keySet, string setting)
    {
        if (keySet)
        {
            Environment.SetEnvironmentVariable(_keyVariable, "sk-test");
        }

        var error = Assert.Throws<MemoryEmbeddingSettingsException>(() => OpenAi(baseUrl, model, dimensions).Validate());
        var fromCreate = Assert.Throws<MemoryEmbeddingSettingsException>(() => MemoryEmbeddingGenerators.Create(OpenAi(baseUrl, model, dimensions)));

        Assert.Equal(setting, error.Setting);
        Assert.Equal(setting, fromCreate.Setting);
        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_names_the_unset_variable_and_never_the_key()
    {
        var error = Assert.Throws<MemoryEmbeddingSettingsException>(() => OpenAi().Validate());
        Environment.SetEnvironmentVariable(_keyVariable, "sk-secret-value");
        OpenAi().Validate();
        var unknown = Assert.Throws<MemoryEmbeddingSettingsException>(() => (OpenAi() with { Provider = "word2vec" }).Validate());

        Assert.Contains(_keyVariable, error.Message, StringComparison.Ordinal);
        Assert.Contains("not set", error.Message, StringComparison.Ordinal);
        Assert.Equal("Provider", unknown.Setting);
        Assert.DoesNotContain("sk-secret-value", unknown.Message, StringComparison.Ordinal);
    }
}
