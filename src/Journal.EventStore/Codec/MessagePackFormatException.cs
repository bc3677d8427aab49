using System.Globalization;

namespace Journal.EventStore.Codec;

/// <summary>
/// Thrown when MessagePack input is malformed (truncated, reserved byte, bad length, invalid UTF-8,
/// nesting too deep, trailing bytes) or does not hold the kind of value the caller asked for.
/// </summary>
public sealed class MessagePackFormatException : FormatException
{
    /// <summary>Creates the exception with a default message.</summary>
    public MessagePackFormatException()
        : base("The MessagePack data is malformed.")
    {
    }

    /// <summary>Creates the exception with the given message.</summary>
    /// <param name="message">What went wrong.</param>
    public MessagePackFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the given message and inner exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The underlying cause.</param>
    public MessagePackFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a problem found at a byte offset of the input.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="offset">The zero-based byte offset of the offending value in the input.</param>
    public MessagePackFormatException(string message, int offset)
        : base(string.Create(CultureInfo.InvariantCulture, $"{message} (at byte offset {offset})."))
    {
        Offset = offset;
    }

    /// <summary>Creates the exception for a problem found at a byte offset of the input, with its cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="offset">The zero-based byte offset where reading stopped.</param>
    /// <param name="innerException">The underlying cause.</param>
    public MessagePackFormatException(string message, int offset, Exception innerException)
        : base(string.Create(CultureInfo.InvariantCulture, $"{message} (at byte offset {offset})."), innerException)
    {
        Offset = offset;
    }

    /// <summary>The zero-based byte offset of the offending value, or -1 when unknown.</summary>
    public int Offset { get; } = -1;
}
