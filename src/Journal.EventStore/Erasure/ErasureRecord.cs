using System.Buffers.Binary;
using System.Text;

namespace Journal.EventStore.Erasure;

/// <summary>
/// Reads the payload of a <c>journal.payloads_erased.v1</c> event exactly as docs/hash-chain.md ("The
/// erasure record") defines it, and nothing else: a two-entry map, <c>seqs</c> then <c>reason</c>; the
/// positions unsigned, strictly ascending and before the record's own position; the reason UTF-8 text.
/// Verification relies on this reading alone, so a verifier written from the page agrees with it.
/// </summary>
public static class ErasureRecord
{
    /// <summary>The stream erasure records go to.</summary>
    public const string StreamName = "journal-erasures";

    /// <summary>The event type of an erasure record.</summary>
    public const string EventTypeName = "journal.payloads_erased.v1";

    /// <summary>The key <c>seqs</c> as a fixstr.</summary>
    private static ReadOnlySpan<byte> SeqsKey => [0xa4, 0x73, 0x65, 0x71, 0x73];

    /// <summary>The key <c>reason</c> as a fixstr.</summary>
    private static ReadOnlySpan<byte> ReasonKey => [0xa6, 0x72, 0x65, 0x61, 0x73, 0x6f, 0x6e];

    /// <summary>Whether a row with these stream and type bytes is an erasure record.</summary>
    public static bool IsRecord(ReadOnlySpan<byte> streamIdUtf8, ReadOnlySpan<byte> eventTypeUtf8) =>
        eventTypeUtf8.SequenceEqual("journal.payloads_erased.v1"u8) && streamIdUtf8.SequenceEqual("journal-erasures"u8);

    /// <summary>Decodes a record stored at <paramref name="recordSeq"/>; false when it is not exactly the specified form.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> payload, long recordSeq, out long[] seqs, out string reason)
    {
        seqs = [];
        reason = string.Empty;
        var at = 0;
        if (!Byte(payload, ref at, out var map) || map != 0x82 || !Key(payload, ref at, SeqsKey) || !Count(payload, ref at, out var count) || count < 1)
        {
            return false;
        }

        // Each position takes at least one byte: a count beyond what is left is malformed, not a huge allocation.
        if (count > payload.Length - at)
        {
            return false;
        }

        var read = new long[count];
        var previous = 0L;
        for (var i = 0; i < count; i++)
        {
            if (!Unsigned(payload, ref at, out var value) || value <= (ulong)previous || value >= (ulong)recordSeq)
            {
                return false;
            }

            read[i] = previous = (long)value;
        }

        if (!Key(payload, ref at, ReasonKey) || !Text(payload, ref at, out var text) || at != payload.Length)
        {
            return false;
        }

        seqs = read;
        reason = text;
        return true;
    }

    private static bool Key(ReadOnlySpan<byte> payload, ref int at, ReadOnlySpan<byte> key)
    {
        if (!payload[at..].StartsWith(key))
        {
            return false;
        }

        at += key.Length;
        return true;
    }

    private static bool Count(ReadOnlySpan<byte> payload, ref int at, out long count)
    {
        count = 0;
        if (!Byte(payload, ref at, out var head))
        {
            return false;
        }

        switch (head)
        {
            case >= 0x90 and <= 0x9f:
                count = head & 0x0f;
                return true;
            case 0xdc:
                return Big(payload, ref at, 2, out count);
            case 0xdd:
                return Big(payload, ref at, 4, out count);
            default:
                return false;
        }
    }

    private static bool Unsigned(ReadOnlySpan<byte> payload, ref int at, out ulong value)
    {
        value = 0;
        if (!Byte(payload, ref at, out var head))
        {
            return false;
        }

        switch (head)
        {
            case <= 0x7f:
                value = head;
                return true;
            case 0xcc:
                return BigUnsigned(payload, ref at, 1, out value);
            case 0xcd:
                return BigUnsigned(payload, ref at, 2, out value);
            case 0xce:
                return BigUnsigned(payload, ref at, 4, out value);
            case 0xcf:
                return BigUnsigned(payload, ref at, 8, out value);
            default:
                return false;
        }
    }

    private static bool Text(ReadOnlySpan<byte> payload, ref int at, out string text)
    {
        text = string.Empty;
        long length;
        if (!Byte(payload, ref at, out var head))
        {
            return false;
        }

        switch (head)
        {
            case >= 0xa0 and <= 0xbf:
                length = head & 0x1f;
                break;
            case 0xd9:
                if (!Big(payload, ref at, 1, out length))
                {
                    return false;
                }

                break;
            case 0xda:
                if (!Big(payload, ref at, 2, out length))
                {
                    return false;
                }

                break;
            case 0xdb:
                if (!Big(payload, ref at, 4, out length))
                {
                    return false;
                }

                break;
            default:
                return false;
        }

        if (length > payload.Length - at || !System.Text.Unicode.Utf8.IsValid(payload.Slice(at, (int)length)))
        {
            return false;
        }

        text = Encoding.UTF8.GetString(payload.Slice(at, (int)length));
        at += (int)length;
        return true;
    }

    private static bool Byte(ReadOnlySpan<byte> payload, ref int at, out byte value)
    {
        value = 0;
        if (at >= payload.Length)
        {
            return false;
        }

        value = payload[at++];
        return true;
    }

    private static bool Big(ReadOnlySpan<byte> payload, ref int at, int width, out long value)
    {
        var ok = BigUnsigned(payload, ref at, width, out var unsigned);
        value = (long)unsigned;
        return ok;
    }

    private static bool BigUnsigned(ReadOnlySpan<byte> payload, ref int at, int width, out ulong value)
    {
        value = 0;
        if (payload.Length - at < width)
        {
            return false;
        }

        var bytes = payload.Slice(at, width);
        value = width switch
        {
            1 => bytes[0],
            2 => BinaryPrimitives.ReadUInt16BigEndian(bytes),
            4 => BinaryPrimitives.ReadUInt32BigEndian(bytes),
            _ => BinaryPrimitives.ReadUInt64BigEndian(bytes),
        };
        at += width;
        return true;
    }
}
