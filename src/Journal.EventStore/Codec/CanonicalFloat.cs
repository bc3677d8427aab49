using MessagePack;

namespace Journal.EventStore.Codec;

/// <summary>
/// Our canonical float rule, which the library leaves to the caller: a double is written as float32 when it converts
/// to float and back without change (NaN, the infinities and -0.0 included), otherwise as float64.
/// </summary>
internal static class CanonicalFloat
{
    /// <summary>Writes <paramref name="value"/> in the narrower width that holds it exactly.</summary>
    public static void Write(ref MessagePackWriter writer, double value)
    {
        float narrow = (float)value;
        if (double.IsNaN(value) || BitConverter.DoubleToInt64Bits(narrow) == BitConverter.DoubleToInt64Bits(value))
        {
            writer.Write(narrow);
        }
        else
        {
            writer.Write(value);
        }
    }
}
