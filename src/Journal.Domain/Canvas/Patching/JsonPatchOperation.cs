using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Journal.Domain.Canvas.Patching;

/// <summary>The six RFC 6902 operations.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<JsonPatchOp>))]
public enum JsonPatchOp
{
    /// <summary><c>add</c>: insert or set a value.</summary>
    Add,

    /// <summary><c>remove</c>: delete the target.</summary>
    Remove,

    /// <summary><c>replace</c>: overwrite an existing target.</summary>
    Replace,

    /// <summary><c>move</c>: remove at <c>from</c>, add at <c>path</c>.</summary>
    Move,

    /// <summary><c>copy</c>: add a copy of <c>from</c> at <c>path</c>.</summary>
    Copy,

    /// <summary><c>test</c>: the target must equal <c>value</c>.</summary>
    Test,
}

/// <summary>One parsed operation of a patch.</summary>
/// <param name="Index">Its zero-based position in the patch.</param>
/// <param name="Op">What it does.</param>
/// <param name="Name">The <c>op</c> as written.</param>
/// <param name="Path">Its target.</param>
/// <param name="From">Its source (<c>move</c> and <c>copy</c> only).</param>
/// <param name="Value">Its value (<c>add</c>, <c>replace</c> and <c>test</c> only; a null node is JSON null).</param>
public sealed record JsonPatchOperation(int Index, JsonPatchOp Op, string Name, JsonPointer Path, JsonPointer? From, JsonNode? Value)
{
    /// <summary>A failure of this operation.</summary>
    public JsonPatchException Fail(JsonPatchError error, string reason) => new(Index, Name, error, reason);
}
