using System.Text.Json.Nodes;

namespace Journal.Domain.Canvas.Patching;

/// <summary>
/// The canonical bytes of a canvas state's small containers (a card, a tag list), kept with the state
/// so that hashing the next version re-serializes only what a patch touched: a patch that edits one
/// card of a hundred writes that card and copies the other 99 from here. Entries are keyed by node
/// identity; <see cref="CloneInto"/> carries them over to a copy of the document, and the patch
/// forgets every container on each path it writes before it writes (<see cref="ForgetPath"/>), so an
/// entry never outlives the content it was made from. Only containers below the root and at most
/// <see cref="MaxEntryBytes"/> long are kept: the large ones are the ancestors a patch changes anyway.
/// </summary>
public sealed class CanonicalCache
{
    /// <summary>The longest canonical form kept for one container.</summary>
    public const int MaxEntryBytes = 2048;

    private readonly Dictionary<JsonNode, Entry> _entries = new(ReferenceEqualityComparer.Instance);

    /// <summary>Containers with their canonical bytes kept.</summary>
    public int Count => _entries.Count;

    /// <summary>
    /// A deep copy of <paramref name="node"/> whose containers take over the entries <paramref name="from"/>
    /// holds for the originals (copied into <paramref name="to"/>).
    /// </summary>
    public static JsonNode? CloneInto(JsonNode? node, CanonicalCache? from, CanonicalCache to)
    {
        switch (node)
        {
            case JsonObject obj:
                var objectCopy = new JsonObject(obj.Options);
                for (var i = 0; i < obj.Count; i++)
                {
                    var member = obj.GetAt(i);
                    objectCopy.Add(member.Key, CloneInto(member.Value, from, to));
                }

                to.CarryOver(obj, objectCopy, from);
                return objectCopy;
            case JsonArray array:
                var arrayCopy = new JsonArray(array.Options);
                for (var i = 0; i < array.Count; i++)
                {
                    arrayCopy.Add(CloneInto(array[i], from, to));
                }

                to.CarryOver(array, arrayCopy, from);
                return arrayCopy;
            default:
                return node?.DeepClone();
        }
    }

    /// <summary>
    /// Forgets every container from <paramref name="root"/> along <paramref name="pointer"/> as far as it
    /// resolves, the target included: called for each path of an operation just before it is applied.
    /// </summary>
    public void ForgetPath(JsonNode? root, JsonPointer pointer)
    {
        var current = root;
        foreach (var token in pointer.Tokens)
        {
            if (current is null)
            {
                return;
            }

            _entries.Remove(current);
            current = current switch
            {
                JsonObject obj => obj.TryGetPropertyValue(token, out var member) ? member : null,
                JsonArray array => JsonPointer.TryIndex(token, out var index) && index < array.Count ? array[index] : null,
                _ => null,
            };
        }

        if (current is not null)
        {
            _entries.Remove(current);
        }
    }

    internal bool TryGet(JsonNode node, out Entry entry) => _entries.TryGetValue(node, out entry);

    internal void Keep(JsonNode node, ReadOnlySpan<byte> bytes, int depth)
    {
        if (bytes.Length <= MaxEntryBytes)
        {
            _entries[node] = new Entry(bytes.ToArray(), depth);
        }
    }

    private void CarryOver(JsonNode original, JsonNode copy, CanonicalCache? from)
    {
        if (from is not null && from._entries.TryGetValue(original, out var entry))
        {
            _entries[copy] = entry;
        }
    }

    /// <summary>A container's canonical bytes and its nesting depth (as <see cref="CanonicalJson.Text(JsonNode?, out int)"/> counts it).</summary>
    internal readonly record struct Entry(byte[] Bytes, int Depth);
}
