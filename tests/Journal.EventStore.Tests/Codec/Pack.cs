using System.Buffers;
using Journal.EventStore.Codec;

namespace Journal.EventStore.Tests.Codec;

/// <summary>Runs a write action against a fresh buffer and returns the bytes.</summary>
internal static class Pack
{
    public static byte[] Bytes(WriteAction action)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        action(ref writer);
        return buffer.WrittenSpan.ToArray();
    }

    public static string HexOf(WriteAction action) => Hex.Format(Bytes(action));
}
