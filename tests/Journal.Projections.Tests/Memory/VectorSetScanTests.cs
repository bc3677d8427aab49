using System.Numerics.Tensors;
using Journal.Projections.Memory;

namespace Journal.Projections.Tests.Memory;

/// <summary>
/// A set large enough to be scanned in parallel parts answers what one pass over every entry answers: the same
/// similarities, best first, with expired and filtered-out entries skipped, in float and in int8 sets.
/// </summary>
public sealed class VectorSetScanTests
{
    private const int Dimensions = 16;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_set_scanned_in_parts_gives_the_best_of_one_pass_over_every_entry(bool quantized)
    {
        var random = new Random(31);
        var count = (MemoryVectorSet.ParallelChunks * MemoryVectorSet.ChunkSize) + 123;
        var key = new MemoryVectorKey(1, 1, 0, 0, "test", Dimensions);
        var builder = MemoryVectorSet.Empty(key with { Stamp = 0 }, quantized).Extending(key, count);
        var vectors = new float[count][];
        for (var i = 0; i < count; i++)
        {
            vectors[i] = UnitVector(random);
            var channel = i % 3 == 0 ? "ops" : null;
            var expiresAt = i % 7 == 0 ? 1_000 : long.MaxValue;
            builder.Add(new MemoryVectorSet.Entry(i + 1, channel, null, ",", 0, 1, i, expiresAt, 10), vectors[i]);
        }

        var set = builder.Build(0, count);
        var query = UnitVector(random);
        foreach (var filter in new[] { new MemoryRecallFilter(2_000, null, null, -1, []), new MemoryRecallFilter(2_000, "ops", null, -1, []) })
        {
            var found = set.Top(query, filter, 200, parts: 3);

            var expected = Enumerable.Range(0, count)
                .Where(i => set.Entries[i].ExpiresAt > filter.Now && filter.Accepts(set.Entries[i]))
                .Select(i => (Index: i, Similarity: quantized ? set.Similarity(i + 1, query)!.Value : TensorPrimitives.Dot(vectors[i], query)))
                .OrderByDescending(h => h.Similarity)
                .ThenBy(h => h.Index)
                .Take(200)
                .ToList();
            Assert.Equal(expected.Select(h => h.Similarity), found.Select(h => h.Similarity));
            Assert.Equal(expected.Select(h => h.Index), found.Select(h => h.Index));
            Assert.All(found, h => Assert.True(set.Entries[h.Index].ExpiresAt > filter.Now && filter.Accepts(set.Entries[h.Index])));
        }
    }

    private static float[] UnitVector(Random random)
    {
        var vector = new float[Dimensions];
        for (var d = 0; d < Dimensions; d++)
        {
            vector[d] = (float)((random.NextDouble() * 2) - 1);
        }

        var norm = MathF.Sqrt(TensorPrimitives.Dot(vector, vector));
        for (var d = 0; d < Dimensions; d++)
        {
            vector[d] /= norm;
        }

        return vector;
    }
}
