using Journal.Domain.Commands;
using Journal.Domain.Memory;
using Journal.Domain.Memory.UseCases;
using Journal.EventStore;
using Journal.Projections.Memory;
using Journal.Projections.Runtime;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Hosting;
using Journal.Application;

namespace Journal.Projections.Tests.Memory;

/// <summary>
/// The journal in-process for memory tests: a chosen directory (so a second fixture can reopen the same
/// files with another embedding generator), a chosen clock, generator and memory options; background
/// passes off (tests run retention and the embedder themselves).
/// </summary>
public sealed class MemoryFixture : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly bool _ownsDirectory;
    private readonly List<IHostedService> _started = [];

    public MemoryFixture(TimeProvider? time = null, IEmbeddingGenerator<string, Embedding<float>>? embeddings = null, MemoryOptions? options = null, string? directory = null)
    {
        _ownsDirectory = directory is null;
        Directory = directory ?? Path.Combine(Path.GetTempPath(), "journal-memory", Guid.NewGuid().ToString("N"));
        var services = new ServiceCollection();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        if (embeddings is not null)
        {
            services.AddSingleton(embeddings);
        }

        services.AddSingleton((options ?? new MemoryOptions()) with { RetentionInterval = Timeout.InfiniteTimeSpan, EmbeddingInterval = Timeout.InfiniteTimeSpan });
        services.AddJournal(
            new JournalStoreOptions { DatabasePath = Path.Combine(Directory, "journal.db") },
            new ProjectionOptions
            {
                DatabasePath = Path.Combine(Directory, "projections.db"),
                MaxWait = TimeSpan.FromSeconds(10),
                ApprovalExpirySweep = Timeout.InfiniteTimeSpan,
            });
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public string Directory { get; }

    public IMediator Mediator => _services.GetRequiredService<IMediator>();

    public SqliteEventStore Store => _services.GetRequiredService<SqliteEventStore>();

    public ProjectionDaemon Daemon => _services.GetRequiredService<ProjectionDaemon>();

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public async Task<MemoryFixture> StartAsync()
    {
        foreach (var service in _services.GetServices<IHostedService>())
        {
            await service.StartAsync(default);
            _started.Add(service);
        }

        return this;
    }

    public Task<CommandResult> Add(
        string content, MemoryScope? scope = null, string source = MemorySources.Manual, IReadOnlyList<string>? tags = null, double? confidence = null, long? ttlSeconds = null) =>
        Mediator.Send(new AddMemoryItemRequest(null, scope ?? new MemoryScope("alice"), content, source, tags, confidence, ttlSeconds));

    public Task<IReadOnlyList<MemoryHit>> Recall(
        string text, MemoryScope? scope = null, long? minPosition = null, IReadOnlyList<string>? tags = null, IReadOnlyList<string>? sources = null, int? limit = null) =>
        Mediator.Send(new RecallMemoryQuery(text, scope ?? new MemoryScope("alice"), limit, tags, sources, null, minPosition));

    public static Guid IdOf(CommandResult result) => Guid.Parse(result.Stream["memory-".Length..]);

    /// <summary>Stops everything and releases the files (keeps them when the directory was given).</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var service in _started)
        {
            await service.StopAsync(default);
        }

        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_ownsDirectory && System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}
