using System.Numerics;

namespace Journal.Projections.Memory;

/// <summary>
/// Symmetric int8 quantization of a vector: each component becomes round(x / scale) with
/// scale = max |x| / 127, so a dot product of two vectors is about scale₁ × scale₂ × the integer dot
/// product of their codes. -128 is never used, so a product of two codes fits in 16 bits.
/// </summary>
internal static class MemoryInt8
{
    /// <summary>Writes <paramref name="vector"/>'s codes to <paramref name="codes"/> and returns its scale (0 for a zero vector).</summary>
    public static float Quantize(ReadOnlySpan<float> vector, Span<sbyte> codes)
    {
        var max = 0f;
        foreach (var x in vector)
        {
            max = Math.Max(max, Math.Abs(x));
        }

        if (max == 0)
        {
            codes.Clear();
            return 0;
        }

        var scale = max / 127f;
        for (var i = 0; i < vector.Length; i++)
        {
            codes[i] = (sbyte)Math.Clamp(MathF.Round(vector[i] / scale), -127, 127);
        }

        return scale;
    }

    /// <summary>The integer dot product of two code vectors of the same length.</summary>
    public static int Dot(ReadOnlySpan<sbyte> a, ReadOnlySpan<sbyte> b)
    {
        var i = 0;
        var sum = 0;
        if (Vector.IsHardwareAccelerated && a.Length >= Vector<sbyte>.Count)
        {
            var acc = Vector<int>.Zero;
            for (; i <= a.Length - Vector<sbyte>.Count; i += Vector<sbyte>.Count)
            {
                Vector.Widen(new Vector<sbyte>(a[i..]), out var aLow, out var aHigh);
                Vector.Widen(new Vector<sbyte>(b[i..]), out var bLow, out var bHigh);

                // Each product is at most 127² and two of them still fit in a short (32,258).
                Vector.Widen((aLow * bLow) + (aHigh * bHigh), out var low, out var high);
                acc += low + high;
            }

            sum = Vector.Sum(acc);
        }

        for (; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}
