using System.Buffers.Binary;

namespace Journal.EventStore.Tests.Codec.Golden;

/// <summary>
/// Names the MessagePack format family of every value in a document, walking the bytes by the spec's header rules
/// alone (independent of the codec under test), so the corpus can show it covers them all.
/// </summary>
internal static class GoldenFormats
{
    public static readonly SortedSet<string> All = new(StringComparer.Ordinal)
    {
        "positive fixint", "negative fixint", "uint8", "uint16", "uint32", "uint64", "int8", "int16", "int32", "int64",
        "nil", "false", "true", "float32", "float64", "fixstr", "str8", "str16", "str32", "bin8", "bin16", "bin32",
        "fixarray", "array16", "array32", "fixmap", "map16", "map32",
        "fixext1", "fixext2", "fixext4", "fixext8", "fixext16", "ext8", "ext16", "ext32",
        "timestamp32", "timestamp64", "timestamp96",
    };

    public static void Collect(ReadOnlySpan<byte> bytes, ISet<string> seen)
    {
        int position = 0;
        while (position < bytes.Length)
        {
            position = Step(bytes, position, seen);
        }
    }

    /// <summary>Records the value's family and returns the position of the next header (containers are entered).</summary>
    private static int Step(ReadOnlySpan<byte> b, int p, ISet<string> seen)
    {
        byte code = b[p];
        switch (code)
        {
            case <= 0x7f: seen.Add("positive fixint"); return p + 1;
            case <= 0x8f: seen.Add("fixmap"); return p + 1;
            case <= 0x9f: seen.Add("fixarray"); return p + 1;
            case <= 0xbf: seen.Add("fixstr"); return p + 1 + (code & 0x1f);
            case >= 0xe0: seen.Add("negative fixint"); return p + 1;
        }

        return code switch
        {
            0xc0 => Seen(seen, "nil", p + 1),
            0xc2 => Seen(seen, "false", p + 1),
            0xc3 => Seen(seen, "true", p + 1),
            0xc4 => Seen(seen, "bin8", p + 2 + b[p + 1]),
            0xc5 => Seen(seen, "bin16", p + 3 + BinaryPrimitives.ReadUInt16BigEndian(b[(p + 1)..])),
            0xc6 => Seen(seen, "bin32", p + 5 + (int)BinaryPrimitives.ReadUInt32BigEndian(b[(p + 1)..])),
            0xc7 => Extension(seen, "ext8", b[p + 2], b[p + 1], p + 3),
            0xc8 => Extension(seen, "ext16", b[p + 3], BinaryPrimitives.ReadUInt16BigEndian(b[(p + 1)..]), p + 4),
            0xc9 => Extension(seen, "ext32", b[p + 5], (int)BinaryPrimitives.ReadUInt32BigEndian(b[(p + 1)..]), p + 6),
            0xca => Seen(seen, "float32", p + 5),
            0xcb => Seen(seen, "float64", p + 9),
            0xcc => Seen(seen, "uint8", p + 2),
            0xcd => Seen(seen, "uint16", p + 3),
            0xce => Seen(seen, "uint32", p + 5),
            0xcf => Seen(seen, "uint64", p + 9),
            0xd0 => Seen(seen, "int8", p + 2),
            0xd1 => Seen(seen, "int16", p + 3),
            0xd2 => Seen(seen, "int32", p + 5),
            0xd3 => Seen(seen, "int64", p + 9),
            0xd4 => Extension(seen, "fixext1", b[p + 1], 1, p + 2),
            0xd5 => Extension(seen, "fixext2", b[p + 1], 2, p + 2),
            0xd6 => Extension(seen, "fixext4", b[p + 1], 4, p + 2),
            0xd7 => Extension(seen, "fixext8", b[p + 1], 8, p + 2),
            0xd8 => Extension(seen, "fixext16", b[p + 1], 16, p + 2),
            0xd9 => Seen(seen, "str8", p + 2 + b[p + 1]),
            0xda => Seen(seen, "str16", p + 3 + BinaryPrimitives.ReadUInt16BigEndian(b[(p + 1)..])),
            0xdb => Seen(seen, "str32", p + 5 + (int)BinaryPrimitives.ReadUInt32BigEndian(b[(p + 1)..])),
            0xdc => Seen(seen, "array16", p + 3),
            0xdd => Seen(seen, "array32", p + 5),
            0xde => Seen(seen, "map16", p + 3),
            0xdf => Seen(seen, "map32", p + 5),
            _ => throw new InvalidDataException($"0x{code:x2} is not a MessagePack header"),
        };
    }

    private static int Extension(ISet<string> seen, string family, byte type, int length, int data)
    {
        seen.Add(type == 0xff ? "timestamp" + (length switch { 4 => "32", 8 => "64", _ => "96" }) : family);
        return data + length;
    }

    private static int Seen(ISet<string> seen, string family, int next)
    {
        seen.Add(family);
        return next;
    }
}
