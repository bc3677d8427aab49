using Journal.Domain.Errors;
using Journal.Domain.Tape;
using Journal.EventStore.Erasure;
using Journal.EventStore.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Journal.EventStore.Tests.Chain;

public sealed class ErasureTests : IAsyncLifetime
{
    private readonly StoreFixture _fixture = new();
    private SqliteEventStore _store = null!;
    private static readonly StreamId Stream = StreamId.Parse("memory-1");

    public async Task InitializeAsync()
    {
        _store = _fixture.Open();
        await _store.AppendAsync(Stream, ExpectedVersion.Any, Events.Many(6), EventMetadata.Empty, default);
    }

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    [Fact]
    public async Task ErasePayloadsAsync_nulls_the_payloads_records_the_erasure_and_the_chain_still_verifies()
    {
        var result = await _store.ErasePayloadsAsync([2, 4], "forget me", new EventMetadata(Actor: "ops"), default);

        var slice = await _store.ReadStreamAsync(Stream, 1, ReadDirection.Forward, 10, default);
        var record = await _store.ReadStreamAsync(PayloadsErased.Stream, 1, ReadDirection.Forward, 10, default);
        var report = await _store.VerifyAsync();

        Assert.Equal([2L, 4L], result.Erased);
        Assert.Equal(7, result.Position);
        Assert.Equal([2L, 4L], slice.Events.Where(e => e.IsErased).Select(e => e.Seq));
        Assert.All(slice.Events.Where(e => e.IsErased), e => Assert.Equal(32, e.PayloadDigest.Length));
        var erased = Assert.IsType<PayloadsErased>(_store.Serializer.Decode(record.Events.Single().EventType, record.Events.Single().Payload!.Value));
        Assert.Equal([2L, 4L], erased.Seqs);
        Assert.Equal("forget me", erased.Reason);
        Assert.True(report.IsIntact);
        Assert.Equal(2, report.ErasedPayloads);
    }

    [Fact]
    public async Task ErasePayloadsAsync_reports_payloads_that_were_erased_before()
    {
        await _store.ErasePayloadsAsync([3], "first", EventMetadata.Empty, default);

        var again = await _store.ErasePayloadsAsync([3, 5], "second", EventMetadata.Empty, default);

        Assert.Equal([5L], again.Erased);
        Assert.Equal([3L], again.AlreadyErased);
    }

    [Fact]
    public async Task ErasePayloadsAsync_refuses_an_unknown_position_and_erases_nothing()
    {
        var error = await Assert.ThrowsAsync<NotFoundException>(() => _store.ErasePayloadsAsync([2, 99], "x", EventMetadata.Empty, default));

        Assert.Equal("event.not_found", error.Code);
        Assert.False((await _store.FindEventAsync((await _store.ReadStreamAsync(Stream, 2, ReadDirection.Forward, 1, default)).Events[0].EventId, default))!.IsErased);
        Assert.Equal(6, (await _store.ReadHeadAsync(default)).Seq);
    }

    [Fact]
    public async Task ErasePayloadsAsync_refuses_to_erase_the_journal_own_records()
    {
        var first = await _store.ErasePayloadsAsync([1], "x", EventMetadata.Empty, default);

        var error = await Assert.ThrowsAsync<RuleViolationException>(() => _store.ErasePayloadsAsync([first.Position], "y", EventMetadata.Empty, default));

        Assert.Equal("erasure.system_event", error.Code);
    }

    [Theory]
    [InlineData("UPDATE journal_events SET payload = X'00' WHERE seq = 1")]
    [InlineData("UPDATE journal_events SET event_type = 'x.y.v1' WHERE seq = 1")]
    [InlineData("UPDATE journal_events SET payload = NULL, stream_id = 'other' WHERE seq = 1")]
    [InlineData("DELETE FROM journal_events WHERE seq = 6")]
    public void Triggers_abort_every_update_and_delete_except_erasure(string sql)
    {
        var error = Assert.Throws<SqliteException>(() => _fixture.Execute(sql));

        Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Triggers_allow_the_one_update_that_erases_a_payload()
    {
        _fixture.Execute("UPDATE journal_events SET payload = NULL WHERE seq = 1");

        using var connection = _fixture.RawConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT payload IS NULL FROM journal_events WHERE seq = 1";
        Assert.Equal(1L, command.ExecuteScalar());
    }
}
