using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Journal.EventStore.Codec;
using Journal.EventStore.Serialization;

namespace Journal.Application.Aggregates.Snapshots;

/// <summary>
/// A state's snapshot bytes: the state as a JSON tree (the tape's JSON settings: camelCase, enums by
/// name) encoded as MessagePack by the tape's own codec, and back. Only what a state's constructor takes
/// is written: anything else on a state record is derived (a computed property) or a cache (such as
/// <c>CanvasState.Canonical</c>), which a fold from the tape would not have either.
/// </summary>
internal sealed class SnapshotCodec
{
    private readonly JsonSerializerOptions _options;

    public SnapshotCodec()
    {
        _options = new JsonSerializerOptions(PayloadSerializer.JsonOptions)
        {
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { KeepConstructorProperties } },
        };
        _options.MakeReadOnly();
    }

    public byte[] Encode(object state) => JsonMessagePack.Encode(JsonSerializer.SerializeToNode(state, state.GetType(), _options));

    /// <exception cref="JsonException">The bytes do not hold a <paramref name="stateType"/>.</exception>
    public object Decode(Type stateType, ReadOnlyMemory<byte> bytes) =>
        JsonMessagePack.Decode(bytes).Deserialize(stateType, _options) ?? throw new JsonException($"snapshot of {stateType.Name} decoded to null");

    private static void KeepConstructorProperties(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        var constructors = info.Type.GetConstructors(BindingFlags.Public | BindingFlags.Instance).Where(c => c.GetParameters().Length > 0).ToList();
        if (constructors.Count != 1)
        {
            return;
        }

        var parameters = constructors[0].GetParameters().Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        for (var i = info.Properties.Count - 1; i >= 0; i--)
        {
            var member = info.Properties[i].AttributeProvider as MemberInfo;
            if (member is null || !parameters.Contains(member.Name))
            {
                info.Properties.RemoveAt(i);
            }
        }
    }
}
