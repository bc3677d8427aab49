using Journal.Projections.Memory;

namespace Journal.Projections.Tests.Memory;

/// <summary>The int8 dot product over a widened query is exactly the integer dot product, at every length.</summary>
public sealed class MemoryInt8Tests
{
    [Fact]
    public void Dot_with_a_widened_query_equals_the_integer_dot_product_at_every_length_and_at_the_extremes()
    {
        var random = new Random(8);
        for (var length = 0; length <= 300; length++)
        {
            foreach (var fill in new Func<int, sbyte>[] { _ => (sbyte)random.Next(-127, 128), _ => 127, _ => -127, i => (sbyte)(i % 2 == 0 ? 127 : -127) })
            {
                var codes = Enumerable.Range(0, length).Select(fill).ToArray();
                var query = Enumerable.Range(0, length).Select(i => (sbyte)(fill(i) * (i % 3 == 0 ? -1 : 1))).ToArray();
                var expected = 0;
                for (var i = 0; i < length; i++)
                {
                    expected += codes[i] * query[i];
                }

                Assert.Equal(expected, MemoryInt8.Dot(codes, MemoryInt8.Widen(query)));
                Assert.Equal(expected, MemoryInt8.Dot(codes, query));
            }
        }
    }

    [Fact]
    public void Dot_refuses_a_query_shorter_than_the_codes()
    {
        Assert.Throws<ArgumentException>(() => MemoryInt8.Dot(new sbyte[40], new short[39]));
    }
}
