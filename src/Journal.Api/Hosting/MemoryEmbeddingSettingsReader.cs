using System.Globalization;
using Journal.Application.Memory.Embeddings;

namespace Journal.Api.Hosting;

/// <summary>Reads <c>Journal:Memory:Embeddings:{Provider,BaseUrl,Model,ApiKeyEnvironmentVariable,Dimensions}</c>.</summary>
internal static class MemoryEmbeddingSettingsReader
{
    private const string Prefix = "Journal:Memory:Embeddings:";

    /// <exception cref="ConfigurationException">A value is malformed, or the openai provider lacks what it needs (its key's variable unset included).</exception>
    public static MemoryEmbeddingSettings Read(IConfigurationSection section)
    {
        var settings = new MemoryEmbeddingSettings
        {
            Provider = Blank(section["Provider"])?.ToLowerInvariant() ?? MemoryEmbeddingSettings.Hashing,
            BaseUrl = Blank(section["BaseUrl"]) is { } url ? Url(url) : null,
            Model = Blank(section["Model"]),
            ApiKeyEnvironmentVariable = Blank(section["ApiKeyEnvironmentVariable"]),
            Dimensions = Blank(section["Dimensions"]) is { } dimensions ? Int(dimensions) : null,
        };
        try
        {
            settings.Validate();
        }
        catch (MemoryEmbeddingSettingsException ex)
        {
            throw new ConfigurationException(Prefix + ex.Setting, ex.Reason);
        }

        return settings;
    }

    private static Uri Url(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new ConfigurationException(Prefix + "BaseUrl", $"must be an absolute http or https URL (such as https://api.openai.com/v1), got '{value}'");

    private static int Int(string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new ConfigurationException(Prefix + "Dimensions", $"must be a whole number, got '{value}'");

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
