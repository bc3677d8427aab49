using System.Buffers;
using System.Text.Json;
using Journal.EventStore.Codec;

namespace Journal.EventStore.Tests.Codec;

/// <summary>Runs <see cref="JsonMessagePack.WriteJson(ReadOnlyMemory{byte}, Utf8JsonWriter)"/> into a string.</summary>
internal static class JsonBridge
{
    public static string ToJsonText(ReadOnlyMemory<byte> msgpack)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            JsonMessagePack.WriteJson(msgpack, writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
