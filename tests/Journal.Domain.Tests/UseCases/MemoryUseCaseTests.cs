using Journal.Domain.Commands;
using Journal.Domain.Errors;
using Journal.Domain.Memory;
using Journal.Domain.Memory.UseCases;
using Journal.Domain.Tape;

namespace Journal.Domain.Tests.UseCases;

public sealed class MemoryUseCaseTests : IAsyncLifetime
{
    private static readonly MemoryScope Ada = new("ada");
    private readonly JournalHarness _journal = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _journal.DisposeAsync();

    [Fact]
    public async Task AddMemoryItem_retried_with_its_idempotency_key_returns_the_first_result_and_writes_once()
    {
        var id = Guid.NewGuid();
        var context = new CommandContext(IdempotencyKey: "remember-tea");
        var first = await _journal.Send(new AddMemoryItemRequest(id, Ada, "prefers green tea") { Context = context });

        var again = await _journal.Send(new AddMemoryItemRequest(id, Ada, "prefers green tea") { Context = context });

        Assert.True(again.Replayed);
        Assert.Equal((first.Stream, first.Position), (again.Stream, again.Position));
        Assert.Equal(1, await _journal.HeadAsync());
    }

    [Fact]
    public async Task DeleteMemoryItem_forgets_the_item_and_erases_the_payloads_of_its_other_events()
    {
        var id = await AddedAsync();
        await _journal.Send(new UpdateMemoryItemRequest(id, ["drinks"]));

        var result = await _journal.Send(new DeleteMemoryItemRequest(id));

        var recorded = await _journal.RecordedAsync(MemoryItemDecider.StreamFor(id));
        Assert.Equal((3L, 2), (result.StreamVersion, result.EventsWritten));
        Assert.Equal(await _journal.HeadAsync(), result.Position);
        Assert.Equal([true, true, false], recorded.Select(e => e.IsErased));
        Assert.Equal("memory.item_forgotten.v1", recorded[^1].EventType);
    }

    [Fact]
    public async Task DeleteMemoryItem_of_an_item_forgotten_already_writes_nothing()
    {
        var id = await AddedAsync();
        await _journal.Send(new DeleteMemoryItemRequest(id));
        var head = await _journal.HeadAsync();

        var again = await _journal.Send(new DeleteMemoryItemRequest(id) { Context = new CommandContext(IdempotencyKey: "forget-again") });

        Assert.Equal((0, 2L), (again.EventsWritten, again.StreamVersion));
        Assert.Equal(head, await _journal.HeadAsync());
    }

    [Fact]
    public async Task DeleteMemoryItem_refuses_an_unknown_item_and_writes_nothing()
    {
        var error = await Assert.ThrowsAsync<NotFoundException>(() => _journal.Send(new DeleteMemoryItemRequest(Guid.NewGuid())));

        Assert.Equal("memory_item.not_found", error.Code);
        Assert.Equal(0, await _journal.HeadAsync());
    }

    [Fact]
    public async Task DeleteMemoryItem_refuses_a_precondition_on_another_version_and_neither_forgets_nor_erases()
    {
        var id = await AddedAsync();
        await _journal.Send(new UpdateMemoryItemRequest(id, ["drinks"]));
        var head = await _journal.HeadAsync();
        var stream = MemoryItemDecider.StreamFor(id);

        var error = await Assert.ThrowsAsync<WrongExpectedVersionException>(() => _journal.Send(
            new DeleteMemoryItemRequest(id) { Context = new CommandContext(Precondition: new Precondition(stream, ExpectedVersion.Exact(1))) }));

        Assert.Equal((stream.Value, 2L), (error.Stream, error.Actual));
        Assert.Equal(head, await _journal.HeadAsync());
        Assert.All(await _journal.RecordedAsync(stream), e => Assert.False(e.IsErased));
    }

    private async Task<Guid> AddedAsync()
    {
        var id = Guid.NewGuid();
        await _journal.Send(new AddMemoryItemRequest(id, Ada, "prefers green tea"));
        return id;
    }
}
