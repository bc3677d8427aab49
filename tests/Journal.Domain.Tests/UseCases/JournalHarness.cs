using Journal.Domain.Commands;
using Journal.Domain.Tape;
using Journal.EventStore;
using Journal.Projections;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Journal.Application;

namespace Journal.Domain.Tests.UseCases;

/// <summary>The journal as an embedding host sees it: AddJournal over a real SQLite tape in a temp directory.</summary>
public sealed class JournalHarness : IAsyncDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "journal-usecases", Guid.NewGuid().ToString("N"));
    private readonly TimeProvider? _time;
    private ServiceProvider _services;

    public JournalHarness(TimeProvider? time = null)
    {
        _time = time;
        _services = Build();
    }

    public IMediator Mediator => _services.GetRequiredService<IMediator>();

    public SqliteEventStore Store => _services.GetRequiredService<SqliteEventStore>();

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public Task<CommandResult> Send(ICommand command) => Mediator.Send(command);

    public async Task<long> HeadAsync() => (await Store.ReadHeadAsync(default)).Seq;

    /// <summary>The decoded events of a stream, oldest first.</summary>
    public async Task<IReadOnlyList<object>> EventsAsync(StreamId stream)
    {
        var slice = await Store.ReadStreamAsync(stream, 1, ReadDirection.Forward, 10_000, default);
        return slice.Events.Select(e => Store.Serializer.Decode(e.EventType, e.Payload!.Value)!).ToList();
    }

    public async Task<IReadOnlyList<RecordedEvent>> RecordedAsync(StreamId stream) =>
        (await Store.ReadStreamAsync(stream, 1, ReadDirection.Forward, 10_000, default)).Events;

    /// <summary>Stops the journal and opens it again on the same file, as a process restart would (nothing cached survives).</summary>
    public async Task RestartAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _services = Build();
    }

    /// <summary>Waits until <paramref name="count"/> appends queue behind a held writer (see <see cref="SqliteEventStore.HoldWriterAsync"/>).</summary>
    public async Task WaitUntilQueuedAsync(int count)
    {
        while (Store.QueuedWrites < count)
        {
            await Task.Yield();
        }
    }

    /// <summary>The exception a task ended with, or null when it succeeded.</summary>
    public static async Task<Exception?> OutcomeAsync(Task task)
    {
        try
        {
            await task;
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private ServiceProvider Build()
    {
        var services = new ServiceCollection();
        if (_time is not null)
        {
            services.AddSingleton(_time);
        }

        services.AddJournal(new JournalStoreOptions { DatabasePath = Path.Combine(_directory, "journal.db") });
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
