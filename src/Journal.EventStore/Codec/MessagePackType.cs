namespace Journal.EventStore.Codec;

/// <summary>The kind of the next MessagePack value, as reported by <see cref="MessagePackReader.PeekType"/>.</summary>
public enum MessagePackType
{
    /// <summary>The nil value (0xc0).</summary>
    Nil,

    /// <summary>A boolean (0xc2 or 0xc3).</summary>
    Boolean,

    /// <summary>A fixint, uint8..64 or int8..64.</summary>
    Integer,

    /// <summary>A float32 or float64.</summary>
    Float,

    /// <summary>A fixstr, str8, str16 or str32 (UTF-8 text).</summary>
    String,

    /// <summary>A bin8, bin16 or bin32 byte string.</summary>
    Binary,

    /// <summary>A fixarray, array16 or array32 header.</summary>
    Array,

    /// <summary>A fixmap, map16 or map32 header.</summary>
    Map,

    /// <summary>An extension value other than a well-formed timestamp.</summary>
    Extension,

    /// <summary>The timestamp extension (type -1) in its 32-, 64- or 96-bit form.</summary>
    Timestamp,
}
