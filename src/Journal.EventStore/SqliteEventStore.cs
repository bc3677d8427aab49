using System.Reactive.Subjects;
using Journal.Domain.Errors;
using Journal.Domain.Tape;
using Journal.EventStore.Reading;
using Journal.EventStore.Serialization;
using Journal.EventStore.Verification;
using Journal.EventStore.Writing;

namespace Journal.EventStore;

/// <summary>
/// The tape on SQLite: appends go through one group-committing writer, reads through pooled
/// connections. Open it with <see cref="Open"/>.
/// </summary>
public sealed class SqliteEventStore : IEventStore, Ports.ITapeFeed, Ports.IAggregateTape, Ports.ITapeVerification, Ports.ITapeBackup, Ports.ITapeInspection, IAsyncDisposable, IDisposable
{
    private readonly TapeWriter _writer;
    private readonly TapeAppender _appender;
    private readonly TapeReader _reader;
    private readonly Subject<long> _committed = new();
    private readonly TapeMetrics _metrics;
    private readonly Tracing.AppendTraceLog _traces = new();
    private int _disposed;

    internal SqliteEventStore(TapeFile file, Microsoft.Data.Sqlite.SqliteConnection writerConnection, PayloadSerializer serializer, TimeProvider time, TapeMetrics metrics)
    {
        File = file;
        Serializer = serializer;
        _metrics = metrics;
        _reader = new TapeReader(file.Connections, file.Options.ReadBatchSize);
        _writer = new TapeWriter(new SqliteTapeStatements(writerConnection), serializer, time, file.Options.MaxEventsPerCommit, GroupCommitWait(file), OnCommitted, metrics.RecordGroup, _traces);
        _appender = new TapeAppender(_writer, serializer, metrics);
        Verifier = new TapeVerifier(file.Connections);
    }

    /// <inheritdoc />
    public IObservable<long> Committed => _committed;

    /// <summary>
    /// How long a group may wait for its callers: none in memory, where a commit has no flush to share
    /// and an open group would hold the shared-cache table lock that readers there wait on.
    /// </summary>
    private static TimeSpan GroupCommitWait(TapeFile file) =>
        file.Connections.IsInMemory ? TimeSpan.Zero : TimeSpan.FromMilliseconds(file.Options.GroupCommitWaitMs);

    /// <summary>Opens (creating when missing) the tape at <see cref="JournalStoreOptions.DatabasePath"/>.</summary>
    /// <exception cref="Schema.SchemaException">The file's schema is newer than this code, or a checksum differs.</exception>
    public static SqliteEventStore Open(JournalStoreOptions options, EventTypeRegistry registry, TimeProvider time, TapeMetrics? metrics = null)
    {
        var file = TapeFile.Open(options, time, out var writerConnection);
        var serializer = new PayloadSerializer(registry, new Redaction.Redactor(options.Redaction), options.MaxPayloadBytes);
        return new SqliteEventStore(file, writerConnection, serializer, time, metrics ?? new TapeMetrics());
    }

    /// <summary>The file this store writes.</summary>
    public TapeFile File { get; }

    /// <summary>Maps records to tape bytes and back.</summary>
    public PayloadSerializer Serializer { get; }

    /// <summary>Checks the chain.</summary>
    public TapeVerifier Verifier { get; }

    /// <inheritdoc />
    public async Task<AppendResult> AppendAsync(StreamId stream, ExpectedVersion expected, IReadOnlyList<EventData> events, EventMetadata metadata, CancellationToken ct)
    {
        var results = await AppendAsync([new StreamAppend(stream, expected, events)], metadata, ct).ConfigureAwait(false);
        return results[0];
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<AppendResult>> AppendAsync(IReadOnlyList<StreamAppend> appends, EventMetadata metadata, CancellationToken ct) =>
        AppendAsync(appends, metadata, null, ct);

    /// <summary>Appends and, in the same transaction, records a command's idempotency key with its result.</summary>
    /// <inheritdoc />
    public Task<IReadOnlyList<AppendResult>> AppendAsync(IReadOnlyList<StreamAppend> appends, EventMetadata metadata, IdempotencyRecord? idempotency, CancellationToken ct) =>
        _appender.AppendAsync(appends, metadata, idempotency, ct);

    /// <inheritdoc />
    public IReadOnlyList<Tracing.AppendTrace> AppendTraces(long fromSeq, long toSeq, int limit) => _traces.Find(fromSeq, toSeq, limit);

    /// <inheritdoc />
    public Task<StreamSlice> ReadStreamAsync(StreamId stream, long fromVersion, ReadDirection direction, int maxCount, CancellationToken ct) =>
        _reader.ReadStreamAsync(stream, fromVersion, direction, maxCount, ct);

    /// <summary>
    /// Up to <paramref name="limit"/> events of <paramref name="stream"/> from <paramref name="fromVersion"/> on:
    /// the catch-up read of an aggregate, on the writer's warm connection when it is idle.
    /// </summary>
    /// <inheritdoc />
    IReadOnlyList<RecordedEvent> Ports.IAggregateTape.ReadStreamFrom(StreamId stream, long fromVersion, int limit) => ReadStreamFrom(stream, fromVersion, limit);

    /// <inheritdoc />
    Ports.StreamHead Ports.IAggregateTape.ReadStreamHead(StreamId stream) => _reader.ReadStreamHead(stream.Value);

    /// <inheritdoc />
    long Ports.IAggregateTape.ReadErasedPayloadCount() => _reader.ReadErasedPayloads();

    /// <inheritdoc />
    Guid Ports.ITapeInspection.JournalId => File.JournalId;

    /// <inheritdoc />
    int Ports.ITapeInspection.SchemaVersion => File.SchemaVersion;

    /// <inheritdoc />
    string Ports.ITapeInspection.Location => File.DatabasePath;

    /// <inheritdoc />
    bool Ports.ITapeInspection.IsInMemory => File.Connections.IsInMemory;

    /// <inheritdoc />
    string Ports.ITapeInspection.Mode => File.Connections.IsInMemory ? "memory" : "file";

    /// <inheritdoc />
    int Ports.ITapeInspection.LatestSchemaVersion => Schema.MigrationSet.Tape().LatestVersion;

    /// <inheritdoc />
    long Ports.ITapeInspection.StorageBytes => BytesOnDisk(File.DatabasePath);

    /// <inheritdoc />
    long Ports.ITapeInspection.LogBytes => BytesOnDisk(File.DatabasePath + "-wal");

    /// <inheritdoc />
    IReadOnlyList<Maintenance.MaintenanceStep> Ports.ITapeInspection.RunMaintenance() =>
        [.. Maintenance.SqliteMaintenance.Run(File.Connections, "tape"), Maintenance.CountsCheck.Report(_reader.CompareCounts())];

    /// <inheritdoc />
    Task<IReadOnlyList<string>> Ports.ITapeVerification.CheckFileAsync(CancellationToken ct) => Verifier.CheckFileAsync(ct);

    /// <inheritdoc />
    Task<IReadOnlyList<string>> Ports.ITapeVerification.CheckTailAsync(int rows, CancellationToken ct) => Verifier.CheckTailAsync(rows, ct);

    /// <inheritdoc />
    Task<byte[]?> Ports.ITapeVerification.ReadHashAtAsync(long seq, CancellationToken ct) => Task.Run(() => Verifier.ReadHashAt(seq), ct);

    /// <inheritdoc />
    Task<Checkpoints.CheckpointState> Ports.ITapeVerification.ReadCheckpointStateAsync(CancellationToken ct) => Verifier.ReadCheckpointStateAsync(ct);

    /// <summary>The size of one of the tape's files; an in-memory tape has none (its name is no path).</summary>
    private long BytesOnDisk(string path)
    {
        if (File.Connections.IsInMemory)
        {
            return 0;
        }

        var info = new FileInfo(path);
        return info.Exists ? info.Length : 0;
    }

    internal List<RecordedEvent> ReadStreamFrom(StreamId stream, long fromVersion, int limit) =>
        _writer.TryReadStreamWhileIdle(stream.Value, fromVersion, limit) ?? _reader.ReadStreamFrom(stream.Value, fromVersion, limit);

    /// <inheritdoc />
    public IAsyncEnumerable<RecordedEvent> ReadAllAsync(long fromSeq, CancellationToken ct) => _reader.ReadAllAsync(fromSeq, ct);

    /// <summary>Up to <paramref name="limit"/> events from <paramref name="fromSeq"/>: one page of the tape.</summary>
    public IReadOnlyList<RecordedEvent> ReadPage(long fromSeq, int limit) => _reader.ReadBatch(Math.Max(1, fromSeq), Math.Clamp(limit, 1, 10_000));

    /// <inheritdoc />
    public Task<TapeHead> ReadHeadAsync(CancellationToken ct) => _reader.ReadHeadAsync(ct);

    /// <inheritdoc />
    public Task<RecordedEvent?> FindEventAsync(Guid eventId, CancellationToken ct) => _reader.FindEventAsync(eventId, ct);

    /// <inheritdoc />
    public Task<long> ReadStreamVersionAsync(StreamId stream, CancellationToken ct) => _reader.ReadStreamVersionAsync(stream, ct);

    /// <summary>What an idempotency key recorded, or null.</summary>
    /// <inheritdoc />
    public IdempotencyEntry? FindIdempotency(string key) => _reader.FindIdempotency(key);

    /// <summary>Streams of a category with an opening event and no closing one.</summary>
    public IReadOnlyList<StreamId> FindOpenStreams(string category, IReadOnlyCollection<string> openingTypes, IReadOnlyCollection<string> closingTypes) =>
        _reader.FindOpenStreams(category, openingTypes, closingTypes);

    /// <summary>Counts of events, streams and erased payloads.</summary>
    public TapeStats ReadStats() => _reader.ReadStats();

    /// <inheritdoc />
    public IReadOnlyList<EventTypeCount> ReadTypeCounts() => _reader.ReadTypeCounts();

    /// <inheritdoc />
    public Task<ErasureResult> ErasePayloadsAsync(IReadOnlyCollection<long> seqs, string reason, EventMetadata metadata, CancellationToken ct) =>
        _appender.EraseAsync(seqs, reason, metadata, ct);

    /// <summary>Appends waiting for the writer.</summary>
    internal int QueuedWrites => _writer.Queued;

    /// <summary>Group commits done since the store was opened.</summary>
    internal long GroupCommits => _writer.Groups;

    /// <summary>Group commits that moved the kept open set (a seam for tests).</summary>
    internal long OpenSetMoves => _writer.OpenSetMoves;

    /// <summary>Whether an open group commit is waiting for callers (a seam for tests).</summary>
    internal bool GroupGathering => _writer.Gathering;

    /// <summary>Times an open group commit waited for a request to arrive.</summary>
    internal long CohortWaits => _writer.CohortWaits;

    /// <summary>Holds the writer until the handle is disposed; appends queue up meanwhile (a test seam).</summary>
    internal Task<IDisposable> HoldWriterAsync(CancellationToken ct) => _writer.HoldAsync(ct);

    /// <summary>
    /// Writes an online, consistent backup of the tape to <paramref name="targetPath"/> (owner-only)
    /// while appends go on; the backup holds every event committed before it started.
    /// </summary>
    public Task<Backup.BackupResult> BackupAsync(string targetPath, CancellationToken ct) =>
        Backup.TapeBackup.WriteAsync(File.Connections, targetPath, ct);

    /// <summary>Caps the file at its current size (commits needing more fail as on a full disk) or lifts the cap (a test seam).</summary>
    internal Task CapGrowthAsync(bool capped, CancellationToken ct) => _writer.CapGrowthAsync(capped, ct);

    /// <summary>Checks the hash chain over a range.</summary>
    public Task<VerificationReport> VerifyAsync(long from = 1, long? to = null, CancellationToken ct = default) => Verifier.VerifyAsync(from, to, ct);

    /// <inheritdoc />
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _writer.DisposeAsync().ConfigureAwait(false);
        _committed.OnCompleted();
        _committed.Dispose();
        await File.DisposeAsync().ConfigureAwait(false);
    }

    private void OnCommitted(long seq)
    {
        _metrics.RecordHead(seq);
        _committed.OnNext(seq);
    }
}
