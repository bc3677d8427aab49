using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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

    /// <summary>The codes of a query widened to 16 bits once, for <see cref="Dot(ReadOnlySpan{sbyte}, ReadOnlySpan{short})"/> over many vectors.</summary>
    public static short[] Widen(ReadOnlySpan<sbyte> codes)
    {
        var wide = new short[codes.Length];
        for (var i = 0; i < codes.Length; i++)
        {
            wide[i] = codes[i];
        }

        return wide;
    }

    /// <summary>
    /// The integer dot product of <paramref name="codes"/> with a query widened by <see cref="Widen"/> (at least as long).
    /// With AVX2, 16 codes at a time are sign-extended to 16 bits and multiplied pairwise into 32-bit sums with the
    /// query's (one <c>vpmaddwd</c>): the query is widened once per recall, not once per vector.
    /// </summary>
    public static int Dot(ReadOnlySpan<sbyte> codes, ReadOnlySpan<short> query)
    {
        if (query.Length < codes.Length)
        {
            throw new ArgumentException("the query is shorter than the codes", nameof(query));
        }

        var i = 0;
        var sum = 0;
        if (Avx2.IsSupported && codes.Length >= 32)
        {
            ref var a = ref MemoryMarshal.GetReference(codes);
            ref var b = ref MemoryMarshal.GetReference(query);
            var first = Vector256<int>.Zero;
            var second = Vector256<int>.Zero;
            for (; i <= codes.Length - 32; i += 32)
            {
                first = Avx2.Add(first, Avx2.MultiplyAddAdjacent(Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref a, (nuint)i)), Vector256.LoadUnsafe(ref b, (nuint)i)));
                second = Avx2.Add(second, Avx2.MultiplyAddAdjacent(Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref a, (nuint)(i + 16))), Vector256.LoadUnsafe(ref b, (nuint)(i + 16))));
            }

            sum = Vector256.Sum(Avx2.Add(first, second));
        }

        for (; i < codes.Length; i++)
        {
            sum += codes[i] * query[i];
        }

        return sum;
    }
}
