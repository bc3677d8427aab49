using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;

namespace Journal.Api.Http;

/// <summary>
/// JSON of the HTTP API: camelCase, enums as strings, numbers as numbers only, at most 32 levels deep,
/// and request bodies that name an unknown field, leave out a required one or repeat a key are refused.
/// </summary>
public static class JsonSetup
{
    /// <summary>The deepest JSON accepted.</summary>
    public const int MaxDepth = 32;

    /// <summary>Applies the settings to the minimal APIs' options.</summary>
    public static void Configure(JsonOptions options) => Apply(options.SerializerOptions);

    /// <summary>Applies the settings to <paramref name="options"/>.</summary>
    public static JsonSerializerOptions Apply(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DictionaryKeyPolicy = null;
        options.PropertyNameCaseInsensitive = false;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.RespectRequiredConstructorParameters = true;
        options.MaxDepth = MaxDepth;

        // JsonBodyGuard refuses repeated keys before binding; this keeps the serializer from ever taking the last one.
        options.AllowDuplicateProperties = false;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
        return options;
    }
}
