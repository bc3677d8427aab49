namespace Journal.Application.Memory.Embeddings;

/// <summary>A <see cref="MemoryEmbeddingSettings"/> value that cannot work, naming the setting.</summary>
public sealed class MemoryEmbeddingSettingsException(string setting, string reason) : Exception($"memory embedding setting {setting}: {reason}")
{
    /// <summary>The property at fault, such as <c>BaseUrl</c>.</summary>
    public string Setting { get; } = setting;

    /// <summary>What is wrong with it.</summary>
    public string Reason { get; } = reason;
}
