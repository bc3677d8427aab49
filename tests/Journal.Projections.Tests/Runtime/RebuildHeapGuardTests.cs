using Journal.Projections.Runtime;

namespace Journal.Projections.Tests.Runtime;

public sealed class RebuildHeapGuardTests
{
    [Fact]
    public void AfterBatch_collects_only_while_the_heap_is_past_its_cap()
    {
        var heap = 0L;
        var collected = 0;
        var guard = new RebuildHeapGuard(1_000, () => heap, () =>
        {
            collected++;
            heap = 100;
        });

        heap = 999;
        guard.AfterBatch();
        Assert.Equal(0, collected);

        heap = 1_001;
        guard.AfterBatch();
        Assert.Equal(1, collected);
        Assert.Equal(1, guard.Collections);

        guard.AfterBatch();
        Assert.Equal(1, collected);
    }

    [Fact]
    public void AfterBatch_waits_for_a_cap_more_than_the_last_collection_left_alive()
    {
        var heap = 0L;
        var collected = 0;
        var guard = new RebuildHeapGuard(1_000, () => heap, () =>
        {
            collected++;
            heap = 800;
        });

        heap = 1_200;
        guard.AfterBatch();
        heap = 1_800;
        guard.AfterBatch();
        Assert.Equal(1, collected);

        heap = 1_801;
        guard.AfterBatch();
        Assert.Equal(2, collected);
    }

    [Fact]
    public void AfterBatch_never_collects_when_the_cap_is_zero()
    {
        var collected = 0;
        var guard = new RebuildHeapGuard(0, () => long.MaxValue, () => collected++);

        guard.AfterBatch();

        Assert.Equal(0, collected);
    }

    [Fact]
    public void ForProcess_brings_a_heap_full_of_garbage_back_under_its_cap()
    {
        var guard = RebuildHeapGuard.ForProcess(64L * 1024 * 1024);
        var garbage = new List<byte[]>();
        for (var i = 0; i < 96; i++)
        {
            garbage.Add(new byte[1024 * 1024]);
        }

        garbage.Clear();
        guard.AfterBatch();

        Assert.Equal(1, guard.Collections);
        Assert.True(GC.GetTotalMemory(forceFullCollection: false) < 64L * 1024 * 1024, "the guard's collection left the heap past its cap");
    }
}
