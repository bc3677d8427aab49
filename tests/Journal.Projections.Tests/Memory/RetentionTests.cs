using Journal.Domain.Errors;
using Journal.Domain.Memory;
using Journal.Projections.Memory;
using Journal.Projections.Tests.Support;
using Journal.Application.Memory;

namespace Journal.Projections.Tests.Memory;

public sealed class RetentionTests
{
    private static async Task<(MemoryFixture F, AdjustableClock Clock)> Start(MemoryRetentionPolicy? policy = null)
    {
        var clock = new AdjustableClock(AdjustableClock.Start);
        var f = new MemoryFixture(clock, options: new MemoryOptions { Retention = policy ?? new MemoryRetentionPolicy() });
        return (await f.StartAsync(), clock);
    }

    [Fact]
    public async Task RecallMemoryQuery_never_returns_an_item_past_its_time_to_live_and_retention_then_forgets_it()
    {
        var (f, clock) = await Start();
        await using var _ = f;
        var shortLived = await f.Add("pistachio gelato", ttlSeconds: 60);
        var lasting = await f.Add("pistachio cake");

        var before = await f.Recall("pistachio", minPosition: lasting.Position);
        clock.Advance(TimeSpan.FromSeconds(60));
        var after = await f.Recall("pistachio");
        var report = await f.Get<MemoryRetention>().RunAsync(default);
        var again = await f.Get<MemoryRetention>().RunAsync(default);

        Assert.Equal(2, before.Count);
        Assert.Equal([MemoryFixture.IdOf(lasting)], after.Select(h => h.ItemId));
        await Assert.ThrowsAsync<NotFoundException>(() => f.Mediator.Send(new GetMemoryItemQuery(MemoryFixture.IdOf(shortLived))));
        Assert.Equal([new MemoryRemoval(MemoryFixture.IdOf(shortLived), MemoryForgetReasons.Expired)], report.Removed);
        Assert.Equal(1, report.ErasedPayloads);
        Assert.Empty(again.Removed);
        Assert.True((await f.Store.VerifyAsync()).IsIntact);
    }

    [Fact]
    public async Task MemoryRetention_forgets_items_older_than_the_maximum_age()
    {
        var (f, clock) = await Start(new MemoryRetentionPolicy(MaxAgeDays: 7));
        await using var _ = f;
        var old = await f.Add("walnut bread");
        clock.Advance(TimeSpan.FromDays(6));
        var young = await f.Add("walnut butter");
        clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMilliseconds(1));

        var report = await f.Get<MemoryRetention>().RunAsync(default);
        var hits = await f.Recall("walnut", minPosition: report.Position);

        Assert.Equal([new MemoryRemoval(MemoryFixture.IdOf(old), MemoryForgetReasons.MaxAge)], report.Removed);
        Assert.Equal([MemoryFixture.IdOf(young)], hits.Select(h => h.ItemId));
    }

    [Fact]
    public async Task MemoryRetention_keeps_only_the_newest_items_of_each_principal_over_the_maximum_count()
    {
        var (f, clock) = await Start(new MemoryRetentionPolicy(MaxItems: 2));
        await using var _ = f;
        var added = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            added.Add(MemoryFixture.IdOf(await f.Add($"hazelnut note {i}")));
            clock.Advance(TimeSpan.FromMinutes(1));
        }

        var bob = await f.Add("hazelnut note of bob", new MemoryScope("bob"));

        var report = await f.Get<MemoryRetention>().RunAsync(default);
        var hits = await f.Recall("hazelnut note", minPosition: report.Position);
        var bobs = await f.Recall("hazelnut note", new MemoryScope("bob"));

        Assert.Equal(added.Take(2).Order(), report.Removed.Select(r => r.ItemId).Order());
        Assert.All(report.Removed, r => Assert.Equal(MemoryForgetReasons.MaxItems, r.Reason));
        Assert.Equal(added.Skip(2).Order(), hits.Select(h => h.ItemId).Order());
        Assert.Equal([MemoryFixture.IdOf(bob)], bobs.Select(h => h.ItemId));
    }

    [Fact]
    public async Task MemoryRetention_drops_the_oldest_items_until_a_principal_fits_the_maximum_bytes()
    {
        var (f, clock) = await Start(new MemoryRetentionPolicy(MaxBytes: 25));
        await using var _ = f;
        var first = await f.Add("almond one 0123456789");
        clock.Advance(TimeSpan.FromMinutes(1));
        var second = await f.Add("almond two");
        clock.Advance(TimeSpan.FromMinutes(1));
        var third = await f.Add("almond three");

        var report = await f.Get<MemoryRetention>().RunAsync(default);
        var hits = await f.Recall("almond", minPosition: report.Position);

        Assert.Equal([new MemoryRemoval(MemoryFixture.IdOf(first), MemoryForgetReasons.MaxBytes)], report.Removed);
        Assert.Equal(new[] { second, third }.Select(MemoryFixture.IdOf).Order(), hits.Select(h => h.ItemId).Order());
        Assert.Equal(1, report.Counts[MemoryForgetReasons.MaxBytes]);
    }
}
