using System.Buffers;

namespace Journal.EventStore.Tests.Codec;

/// <summary>Runs a write action against a fresh buffer and returns the bytes.</summary>
internal static class Pack
{
    public static byte[] Bytes(WriteAction action)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new TestWriter(buffer);
        action(ref writer);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    public static string HexOf(WriteAction action) => Hex.Format(Bytes(action));
}
