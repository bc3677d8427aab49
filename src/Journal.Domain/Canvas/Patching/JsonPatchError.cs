using System.Text.Json.Serialization;

namespace Journal.Domain.Canvas.Patching;

/// <summary>Why a JSON Patch operation failed.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<JsonPatchError>))]
public enum JsonPatchError
{
    /// <summary>The operation is not well formed: not an object, an unknown <c>op</c>, a missing or malformed member.</summary>
    Malformed,

    /// <summary>A <c>path</c> or <c>from</c> does not resolve: a missing member, an index out of range or not a number, a scalar parent.</summary>
    Unresolvable,

    /// <summary>A <c>test</c> found a different value.</summary>
    TestFailed,
}
