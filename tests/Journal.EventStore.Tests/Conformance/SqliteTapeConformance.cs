using Journal.EventStore.Tests.Support;

namespace Journal.EventStore.Tests.Conformance;

/// <summary>The tape conformance suite on the SQLite backend: a file-backed tape in its own temp directory.</summary>
public sealed class SqliteTapeConformance : TapeConformance
{
    /// <inheritdoc />
    protected override Task<TapeBackend> OpenAsync()
    {
        var fixture = new StoreFixture();
        var store = fixture.Open();
        return Task.FromResult(new TapeBackend(store, store, store, store, store, fixture.DisposeAsync, () => store.OpenSetMoves));
    }
}
