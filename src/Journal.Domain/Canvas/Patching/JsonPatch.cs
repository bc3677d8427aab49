using System.Text.Json;
using System.Text.Json.Nodes;
using Journal.Domain.Errors;

namespace Journal.Domain.Canvas.Patching;

/// <summary>
/// An RFC 6902 JSON Patch over <see cref="System.Text.Json.Nodes"/>. <see cref="Apply"/> is atomic:
/// the operations run in order on a deep copy, and the input is never changed, so a failure in the
/// middle leaves nothing half-applied.
/// </summary>
public sealed class JsonPatch
{
    private JsonPatch(IReadOnlyList<JsonPatchOperation> operations) => Operations = operations;

    /// <summary>The operations, in order.</summary>
    public IReadOnlyList<JsonPatchOperation> Operations { get; }

    /// <summary>
    /// Reads a patch document: an array of operation objects, each with a known <c>op</c>, a pointer
    /// <c>path</c>, a pointer <c>from</c> for <c>move</c>/<c>copy</c> and a <c>value</c> member (JSON
    /// null counts) for <c>add</c>/<c>replace</c>/<c>test</c>. Other members are ignored, as RFC 6902 asks.
    /// </summary>
    /// <exception cref="ValidationException">The document is not an array.</exception>
    /// <exception cref="JsonPatchException"><c>json_patch.malformed</c>, naming the first bad operation.</exception>
    public static JsonPatch Parse(JsonNode? document, string field = "patch")
    {
        if (document is not JsonArray array)
        {
            throw new ValidationException(field, "must be a JSON array of operations");
        }

        var operations = new JsonPatchOperation[array.Count];
        for (var i = 0; i < array.Count; i++)
        {
            operations[i] = ParseOperation(i, array[i]);
        }

        return new JsonPatch(operations);
    }

    /// <summary>Applies every operation to a deep copy of <paramref name="document"/> and returns the copy.</summary>
    /// <exception cref="JsonPatchException"><c>json_patch.unresolvable</c> or <c>json_patch.test_failed</c>, naming the operation.</exception>
    public JsonNode? Apply(JsonNode? document)
    {
        var root = document?.DeepClone();
        foreach (var operation in Operations)
        {
            root = ApplyOne(root, operation);
        }

        return root;
    }

    /// <summary>
    /// Applies every operation to <paramref name="document"/> itself, without a copy: not atomic, so only
    /// for a document the caller owns and throws away on failure (a state just parsed from storage).
    /// </summary>
    /// <returns>The patched document (a new root when the root was replaced).</returns>
    /// <exception cref="JsonPatchException">As <see cref="Apply"/>; <paramref name="document"/> may then be half patched.</exception>
    public JsonNode? ApplyInPlace(JsonNode? document) => ApplyInPlace(document, null);

    /// <summary>
    /// As <see cref="ApplyInPlace(JsonNode?)"/>, telling <paramref name="beforeEach"/> the document's
    /// current root and each operation just before it is applied.
    /// </summary>
    public JsonNode? ApplyInPlace(JsonNode? document, Action<JsonNode?, JsonPatchOperation>? beforeEach)
    {
        var root = document;
        foreach (var operation in Operations)
        {
            beforeEach?.Invoke(root, operation);
            root = ApplyOne(root, operation);
        }

        return root;
    }

    private static JsonPatchOperation ParseOperation(int index, JsonNode? node)
    {
        if (node is not JsonObject obj)
        {
            throw new JsonPatchException(index, string.Empty, JsonPatchError.Malformed, "an operation must be a JSON object");
        }

        var name = Text(obj, "op", index, string.Empty) ?? throw new JsonPatchException(index, string.Empty, JsonPatchError.Malformed, "missing 'op'");
        JsonPatchOp op = name switch
        {
            "add" => JsonPatchOp.Add,
            "remove" => JsonPatchOp.Remove,
            "replace" => JsonPatchOp.Replace,
            "move" => JsonPatchOp.Move,
            "copy" => JsonPatchOp.Copy,
            "test" => JsonPatchOp.Test,
            _ => throw new JsonPatchException(index, name, JsonPatchError.Malformed, $"unknown op '{name}'"),
        };

        var path = Pointer(obj, "path", index, name) ?? throw new JsonPatchException(index, name, JsonPatchError.Malformed, "missing 'path'");
        JsonPointer? from = null;
        if (op is JsonPatchOp.Move or JsonPatchOp.Copy)
        {
            from = Pointer(obj, "from", index, name) ?? throw new JsonPatchException(index, name, JsonPatchError.Malformed, "missing 'from'");
        }

        JsonNode? value = null;
        if (op is JsonPatchOp.Add or JsonPatchOp.Replace or JsonPatchOp.Test && !obj.TryGetPropertyValue("value", out value))
        {
            throw new JsonPatchException(index, name, JsonPatchError.Malformed, "missing 'value'");
        }

        return new JsonPatchOperation(index, op, name, path, from, value);
    }

    private static string? Text(JsonObject obj, string member, int index, string op)
    {
        if (!obj.TryGetPropertyValue(member, out var node))
        {
            return null;
        }

        return node is JsonValue value && value.GetValueKind() == JsonValueKind.String
            ? JsonValues.StringOf(value)
            : throw new JsonPatchException(index, op, JsonPatchError.Malformed, $"'{member}' must be a string");
    }

    private static JsonPointer? Pointer(JsonObject obj, string member, int index, string op)
    {
        if (Text(obj, member, index, op) is not { } text)
        {
            return null;
        }

        return JsonPointer.TryParse(text, out var pointer)
            ? pointer
            : throw new JsonPatchException(index, op, JsonPatchError.Malformed, $"'{member}' is not a JSON pointer: '{text}'");
    }

    private static JsonNode? ApplyOne(JsonNode? root, JsonPatchOperation operation)
    {
        switch (operation.Op)
        {
            case JsonPatchOp.Add:
                return Add(root, operation.Path, operation.Value?.DeepClone(), operation);
            case JsonPatchOp.Remove:
                Remove(root, operation.Path, operation);
                return root;
            case JsonPatchOp.Replace:
                if (operation.Path.IsRoot)
                {
                    return operation.Value?.DeepClone();
                }

                Resolve(root, operation.Path, operation);
                Remove(root, operation.Path, operation);
                return Add(root, operation.Path, operation.Value?.DeepClone(), operation);
            case JsonPatchOp.Move:
                var from = operation.From!;
                if (operation.Path.IsInside(from))
                {
                    throw operation.Fail(JsonPatchError.Unresolvable, $"cannot move '{from}' into its own child '{operation.Path}'");
                }

                var moved = Resolve(root, from, operation);
                if (from.Text == operation.Path.Text)
                {
                    return root;
                }

                if (from.IsRoot)
                {
                    return moved;
                }

                Remove(root, from, operation);
                return Add(root, operation.Path, moved, operation);
            case JsonPatchOp.Copy:
                return Add(root, operation.Path, Resolve(root, operation.From!, operation)?.DeepClone(), operation);
            default:
                var actual = Resolve(root, operation.Path, operation);
                return JsonValues.DeepEquals(actual, operation.Value)
                    ? root
                    : throw operation.Fail(JsonPatchError.TestFailed, $"the value at '{operation.Path}' is not equal to the expected value");
        }
    }

    /// <summary>The value at <paramref name="pointer"/>, which must exist.</summary>
    private static JsonNode? Resolve(JsonNode? root, JsonPointer pointer, JsonPatchOperation operation)
    {
        var current = root;
        foreach (var token in pointer.Tokens)
        {
            current = Child(current, token, pointer, operation);
        }

        return current;
    }

    private static JsonNode? Child(JsonNode? container, string token, JsonPointer pointer, JsonPatchOperation operation) => container switch
    {
        JsonObject obj => obj.TryGetPropertyValue(token, out var child)
            ? child
            : throw operation.Fail(JsonPatchError.Unresolvable, $"'{pointer}' does not exist: no member '{token}'"),
        JsonArray array => JsonPointer.TryIndex(token, out var index) && index < array.Count
            ? array[index]
            : throw operation.Fail(JsonPatchError.Unresolvable, $"'{pointer}' does not exist: '{token}' is not an index below {array.Count}"),
        _ => throw operation.Fail(JsonPatchError.Unresolvable, $"'{pointer}' does not exist: '{token}' is below a value that is not an object or array"),
    };

    private static JsonNode? Parent(JsonNode? root, JsonPointer pointer, JsonPatchOperation operation)
    {
        var current = root;
        for (var i = 0; i < pointer.Tokens.Count - 1; i++)
        {
            current = Child(current, pointer.Tokens[i], pointer, operation);
        }

        return current;
    }

    private static JsonNode? Add(JsonNode? root, JsonPointer path, JsonNode? value, JsonPatchOperation operation)
    {
        if (path.IsRoot)
        {
            return value;
        }

        switch (Parent(root, path, operation))
        {
            case JsonObject obj:
                obj[path.Last] = value;
                return root;
            case JsonArray array:
                if (path.Last == "-")
                {
                    array.Add(value);
                    return root;
                }

                if (!JsonPointer.TryIndex(path.Last, out var index) || index > array.Count)
                {
                    throw operation.Fail(JsonPatchError.Unresolvable, $"'{path}': '{path.Last}' is not an index from 0 to {array.Count} or '-'");
                }

                array.Insert(index, value);
                return root;
            default:
                throw operation.Fail(JsonPatchError.Unresolvable, $"'{path}': the parent is not an object or array");
        }
    }

    private static void Remove(JsonNode? root, JsonPointer path, JsonPatchOperation operation)
    {
        if (path.IsRoot)
        {
            throw operation.Fail(JsonPatchError.Unresolvable, "the whole document cannot be removed");
        }

        switch (Parent(root, path, operation))
        {
            case JsonObject obj:
                if (!obj.Remove(path.Last))
                {
                    throw operation.Fail(JsonPatchError.Unresolvable, $"'{path}' does not exist: no member '{path.Last}'");
                }

                break;
            case JsonArray array:
                if (!JsonPointer.TryIndex(path.Last, out var index) || index >= array.Count)
                {
                    throw operation.Fail(JsonPatchError.Unresolvable, $"'{path}' does not exist: '{path.Last}' is not an index below {array.Count}");
                }

                array.RemoveAt(index);
                break;
            default:
                throw operation.Fail(JsonPatchError.Unresolvable, $"'{path}': the parent is not an object or array");
        }
    }
}
