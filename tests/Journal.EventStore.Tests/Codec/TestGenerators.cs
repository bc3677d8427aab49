using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;

namespace Journal.EventStore.Tests.Codec;

/// <summary>FsCheck generators for MessagePack model trees and JSON trees.</summary>
internal static class TestGenerators
{
    public static Gen<long> Int64 =>
        Gen.Frequency(
            (3, ArbMap.Default.GeneratorFor<long>()),
            (2, Gen.Choose(-70000, 70000).Select(i => (long)i)),
            (2, Gen.Elements(0L, 127L, 128L, 255L, 256L, 65535L, 65536L, 4294967295L, 4294967296L, long.MaxValue,
                -1L, -32L, -33L, -128L, -129L, -32768L, -32769L, int.MinValue, int.MinValue - 1L, long.MinValue)),
            (1, Gen.Zip(Gen.Choose(int.MinValue, int.MaxValue), Gen.Choose(int.MinValue, int.MaxValue)).Select(p => ((long)p.Item1 << 32) ^ (uint)p.Item2)));

    public static Gen<ulong> UInt64 =>
        Gen.Frequency(
            (2, Int64.Select(l => unchecked((ulong)l))),
            (1, Gen.Elements(ulong.MaxValue, (ulong)long.MaxValue + 1)));

    public static Gen<double> Double =>
        Gen.Frequency(
            (3, ArbMap.Default.GeneratorFor<double>()),
            (2, ArbMap.Default.GeneratorFor<float>().Select(f => (double)f)),
            (1, Gen.Elements(0.0, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon,
                double.MaxValue, double.MinValue, float.MaxValue, 0.1, 1e300, 0.5)),
            (1, Int64.Select(l => l / 3.0)),
            // Whole doubles, mostly from 2^53 to 2^66: System.Text.Json writes those below 1e17 as integer literals.
            (1, Gen.Zip(Gen.Choose(int.MinValue, int.MaxValue), Gen.Choose(22, 35)).Select(p => Math.ScaleB((double)p.Item1, p.Item2))));

    /// <summary>Well-formed text (no lone surrogates): ASCII, BMP and astral characters, empty and long strings.</summary>
    public static Gen<string> Text =>
        Gen.Frequency(
            (6, Gen.ListOf(CodePoint).Select(points => string.Concat(points.Select(char.ConvertFromUtf32)))),
            (1, Gen.Constant(string.Empty)),
            (1, Gen.Elements(31, 32, 255, 256, 65535, 65536, 70000).Select(n => new string('€', n / 3) + new string('a', n % 3))));

    public static Gen<byte[]> Bytes =>
        Gen.Frequency(
            (5, ArbMap.Default.GeneratorFor<byte[]>()),
            (1, Gen.Elements(0, 1, 255, 256, 65535, 65536).Select(n => new byte[n])));

    public static Gen<TestValue> Tree => Gen.Sized(size => TreeOfSize(Math.Min(size, 40)));

    public static Gen<JsonNode?> Json => Gen.Sized(size => JsonOfSize(Math.Min(size, 40)));

    private static Gen<int> CodePoint =>
        Gen.Frequency(
            (4, Gen.Choose(0x20, 0x7e)),
            (1, Gen.Choose(0, 0x1f)),
            (2, Gen.Choose(0x80, 0xd7ff)),
            (1, Gen.Choose(0xe000, 0xffff)),
            (2, Gen.Choose(0x10000, 0x10ffff)));

    private static Gen<TestValue> Leaf =>
        Gen.OneOf(
            Gen.Constant(new TestValue { Kind = TestValueKind.Nil }),
            Gen.Elements(true, false).Select(b => new TestValue { Kind = TestValueKind.Boolean, Boolean = b }),
            Int64.Select(l => new TestValue { Kind = TestValueKind.Integer, Integer = l }),
            UInt64.Select(u => new TestValue { Kind = TestValueKind.Integer, Integer = u }),
            Double.Select(d => new TestValue { Kind = TestValueKind.Double, Double = d }),
            Text.Select(s => new TestValue { Kind = TestValueKind.String, Text = s }),
            Bytes.Select(b => new TestValue { Kind = TestValueKind.Binary, Bytes = b }),
            Gen.Zip(Int64, Gen.Choose(0, 999_999_999)).Select(p => new TestValue
            {
                Kind = TestValueKind.Timestamp,
                Seconds = p.Item1,
                Nanoseconds = (uint)p.Item2,
            }),
            Gen.Zip(Gen.Choose(-128, 127).Where(t => t != -1), Bytes).Select(p => new TestValue
            {
                Kind = TestValueKind.Extension,
                ExtensionType = (sbyte)p.Item1,
                Bytes = p.Item2,
            }));

    private static Gen<TestValue> TreeOfSize(int size)
    {
        if (size <= 1)
        {
            return Leaf;
        }

        Gen<TestValue> child = Gen.Sized(_ => TreeOfSize(size / 3));
        return Gen.Frequency(
            (3, Leaf),
            (1, Gen.ListOf(child).Select(items => new TestValue { Kind = TestValueKind.Array, Items = [.. items] })),
            (1, Gen.ListOf(Gen.Zip(child, child)).Select(pairs => new TestValue
            {
                Kind = TestValueKind.Map,
                Items = [.. pairs.SelectMany(p => new[] { p.Item1, p.Item2 })],
            })));
    }

    private static Gen<JsonNode?> JsonLeaf =>
        Gen.OneOf(
            Gen.Constant<JsonNode?>(null),
            Gen.Elements(true, false).Select(b => (JsonNode?)JsonValue.Create(b)),
            Int64.Select(l => (JsonNode?)JsonValue.Create(l)),
            UInt64.Select(u => (JsonNode?)JsonValue.Create(u)),
            Double.Where(double.IsFinite).Select(d => (JsonNode?)JsonValue.Create(d)),
            Text.Select(s => (JsonNode?)JsonValue.Create(s)));

    private static Gen<JsonNode?> JsonOfSize(int size)
    {
        if (size <= 1)
        {
            return JsonLeaf;
        }

        Gen<JsonNode?> child = Gen.Sized(_ => JsonOfSize(size / 3));
        return Gen.Frequency(
            (3, JsonLeaf),
            (1, Gen.ListOf(child).Select(items => (JsonNode?)new JsonArray([.. items]))),
            (1, Gen.ListOf(Gen.Zip(Text, child)).Select(pairs =>
            {
                var map = new JsonObject();
                foreach ((string key, JsonNode? value) in pairs)
                {
                    map[key] = value;
                }

                return (JsonNode?)map;
            })));
    }
}
