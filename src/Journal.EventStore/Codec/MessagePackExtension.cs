namespace Journal.EventStore.Codec;

/// <summary>An extension value read by <see cref="MessagePackReader.ReadExtension"/>: its type code and payload.</summary>
public readonly ref struct MessagePackExtension
{
    /// <summary>Creates an extension value.</summary>
    /// <param name="type">The application-defined type code (negative codes are reserved by the spec).</param>
    /// <param name="data">The payload, a slice of the reader's input.</param>
    public MessagePackExtension(sbyte type, ReadOnlySpan<byte> data)
    {
        Type = type;
        Data = data;
    }

    /// <summary>The extension type code.</summary>
    public sbyte Type { get; }

    /// <summary>The payload bytes.</summary>
    public ReadOnlySpan<byte> Data { get; }
}
