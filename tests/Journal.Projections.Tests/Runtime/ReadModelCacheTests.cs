using Journal.Projections.Runtime;

namespace Journal.Projections.Tests.Runtime;

public sealed class ReadModelCacheTests
{
    [Fact]
    public void ReadModelCache_counts_the_bytes_of_its_rows_and_starts_over_between_batches_past_its_byte_cap()
    {
        var cache = new ReadModelCache<int, string>(text => 2L * text.Length, capBytes: 10_000);

        for (var i = 0; i < 40; i++)
        {
            cache.Set(i % 20, new string('x', 100 + i));
        }

        var replaced = cache.Bytes;
        cache.Trim();
        var kept = cache.Bytes;
        for (var i = 0; i < 40; i++)
        {
            cache.Set(100 + i, new string('y', 200));
        }

        var over = cache.Bytes;
        cache.Trim();

        // 20 rows, each last set to 100 + i characters for i in 20..39, at 2 bytes a character plus the entry.
        Assert.Equal(Enumerable.Range(20, 20).Sum(i => (2L * (100 + i)) + ReadModelCache<int, string>.EntryOverhead), replaced);
        Assert.Equal(replaced, kept);
        Assert.True(over > 10_000);
        Assert.Equal(0, cache.Bytes);
        Assert.False(cache.TryGet(100, out _));
        Assert.True(cache.Bytes <= cache.CapBytes);
    }

    [Fact]
    public void ReadModelCache_without_a_size_counts_a_fixed_estimate_per_row()
    {
        var cache = new ReadModelCache<Guid, object>(null, capBytes: 1024 * 1024);

        cache.Set(Guid.Empty, new object());

        Assert.Equal(CacheSizes.SmallRow + ReadModelCache<Guid, object>.EntryOverhead, cache.Bytes);
    }
}
