using Journal.Domain.Tape;

namespace Journal.EventStore.Tests.Support;

/// <summary>
/// A closed tape in its own directory holding four streams <c>s-0</c>..<c>s-3</c> of five events each:
/// <c>s-i</c> holds seq 5i+1 .. 5i+5, versions 1..5. Tests tamper with the file and verify it.
/// </summary>
public abstract class FourStreamTape : IAsyncLifetime
{
    /// <summary>The tape's directory and store factory.</summary>
    protected StoreFixture Fixture { get; } = new();

    public async Task InitializeAsync()
    {
        var store = Fixture.Open();
        for (var i = 0; i < 4; i++)
        {
            await store.AppendAsync(StreamId.Parse($"s-{i}"), ExpectedVersion.Any, Events.Many(5), EventMetadata.Empty, default);
        }

        await Fixture.CloseAsync(store);
    }

    public async Task DisposeAsync() => await Fixture.DisposeAsync();
}
