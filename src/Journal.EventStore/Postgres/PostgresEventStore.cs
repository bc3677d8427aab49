using Journal.Domain.Tape;
using Journal.EventStore.Postgres.Reading;
using Journal.EventStore.Postgres.Verification;
using Journal.EventStore.Reading;
using Journal.EventStore.Serialization;
using Journal.EventStore.Verification;
using Journal.EventStore.Writing;
using Npgsql;

namespace Journal.EventStore.Postgres;

/// <summary>
/// The tape on PostgreSQL, shared by every instance that opens the same database. Each instance group-commits
/// its own callers' appends as on SQLite; instances serialize their groups on the head (an advisory lock held
/// from the head read to the commit), so positions stay gapless and each row chains to its predecessor
/// whichever instance wrote it. <see cref="Committed"/> reports this instance's commits at once and every other
/// instance's as PostgreSQL notifies them (with a poll as fallback). Open it with <see cref="Open"/>.
/// </summary>
public sealed class PostgresEventStore : IEventStore, Ports.ITapeFeed, Ports.IAggregateTape, Ports.ITapeVerification, Ports.ITapeBackup, Ports.ITapeInspection, IAsyncDisposable, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly TapeWriter _writer;
    private readonly TapeAppender _appender;
    private readonly PostgresTapeReader _reader;
    private readonly PostgresTapeCatalog _catalog;
    private readonly CommitListener _listener;
    private readonly CommittedHeads _committed;
    private readonly Tracing.AppendTraceLog _traces = new();
    private readonly TimeProvider _time;
    private int _disposed;

    private PostgresEventStore(NpgsqlDataSource dataSource, Guid journalId, JournalStoreOptions options, PayloadSerializer serializer, TimeProvider time, TapeMetrics metrics)
    {
        _dataSource = dataSource;
        _time = time;
        JournalId = journalId;
        Serializer = serializer;
        _committed = new CommittedHeads(metrics);
        _reader = new PostgresTapeReader(dataSource, options.ReadBatchSize);
        _catalog = new PostgresTapeCatalog(dataSource);
        Verifier = new PostgresTapeVerifier(dataSource);

        // A group waits for the last group's callers (the cohort wait) before it takes the head lock, never while
        // holding it: every instance waits on that lock.
        _writer = new TapeWriter(new PostgresTapeStatements(dataSource), serializer, time, options.MaxEventsPerCommit, TimeSpan.FromMilliseconds(options.GroupCommitWaitMs), _committed.Publish, metrics.RecordGroup, _traces);
        _appender = new TapeAppender(_writer, serializer, metrics);
        _listener = new CommitListener(dataSource, _committed.Publish, TimeSpan.FromMilliseconds(options.PollIntervalMs), TimeSpan.FromSeconds(1));
        _listener.Start();
    }

    /// <summary>
    /// Opens the tape in the database <see cref="JournalStoreOptions.ConnectionString"/> names, migrating its schema
    /// to the newest (instances starting together apply each migration once).
    /// </summary>
    /// <exception cref="Schema.SchemaException">The database's schema is newer than this code, or a checksum differs.</exception>
    /// <exception cref="NpgsqlException">The server cannot be reached.</exception>
    public static PostgresEventStore Open(JournalStoreOptions options, EventTypeRegistry registry, TimeProvider time, TapeMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var connectionString = options.ConnectionString
            ?? throw new ArgumentException("a PostgreSQL tape needs JournalStoreOptions.ConnectionString", nameof(options));
        var dataSource = PostgresTapeSetup.DataSource(connectionString);
        try
        {
            var journalId = PostgresTapeSetup.PrepareAsync(dataSource, time, CancellationToken.None).GetAwaiter().GetResult();
            var serializer = new PayloadSerializer(registry, new Redaction.Redactor(options.Redaction), options.MaxPayloadBytes);
            return new PostgresEventStore(dataSource, journalId, options, serializer, time, metrics ?? new TapeMetrics());
        }
        catch
        {
            dataSource.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public IObservable<long> Committed => _committed.Heads;

    /// <summary>Maps records to tape bytes and back.</summary>
    public PayloadSerializer Serializer { get; }

    /// <summary>Checks the chain.</summary>
    internal PostgresTapeVerifier Verifier { get; }

    /// <summary>The tape's connections, for the Merkle tree kept in the same database.</summary>
    internal NpgsqlDataSource DataSource => _dataSource;

    /// <summary>The journal's id, named in signed checkpoints; the same for every instance on this database.</summary>
    public Guid JournalId { get; }

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
    public Task<ErasureResult> ErasePayloadsAsync(IReadOnlyCollection<long> seqs, string reason, EventMetadata metadata, CancellationToken ct) =>
        _appender.EraseAsync(seqs, reason, metadata, ct);

    /// <inheritdoc />
    public IReadOnlyList<Tracing.AppendTrace> AppendTraces(long fromSeq, long toSeq, int limit) => _traces.Find(fromSeq, toSeq, limit);

    /// <inheritdoc />
    public Task<StreamSlice> ReadStreamAsync(StreamId stream, long fromVersion, ReadDirection direction, int maxCount, CancellationToken ct) =>
        PostgresErrors.Guard(() => _reader.ReadStreamAsync(stream, fromVersion, direction, maxCount, ct));

    /// <inheritdoc />
    public IReadOnlyList<RecordedEvent> ReadStreamFrom(StreamId stream, long fromVersion, int limit) => PostgresErrors.Guard(() => _reader.ReadStreamFrom(stream.Value, fromVersion, limit));

    /// <inheritdoc />
    public Ports.StreamHead ReadStreamHead(StreamId stream) => PostgresErrors.Guard(() => _reader.ReadStreamHead(stream.Value));

    /// <inheritdoc />
    public long ReadErasedPayloadCount() => PostgresErrors.Guard(_reader.ReadStats).ErasedPayloads;

    /// <inheritdoc />
    public IAsyncEnumerable<RecordedEvent> ReadAllAsync(long fromSeq, CancellationToken ct) => _reader.ReadAllAsync(fromSeq, ct);

    /// <inheritdoc />
    public IReadOnlyList<RecordedEvent> ReadPage(long fromSeq, int limit) => PostgresErrors.Guard(() => _reader.ReadBatch(Math.Max(1, fromSeq), Math.Clamp(limit, 1, 10_000)));

    /// <inheritdoc />
    public Task<TapeHead> ReadHeadAsync(CancellationToken ct) => PostgresErrors.Guard(() => _reader.ReadHeadAsync(ct));

    /// <inheritdoc />
    public Task<RecordedEvent?> FindEventAsync(Guid eventId, CancellationToken ct) => PostgresErrors.Guard(() => _reader.FindEventAsync(eventId, ct));

    /// <inheritdoc />
    public Task<long> ReadStreamVersionAsync(StreamId stream, CancellationToken ct) => PostgresErrors.Guard(() => _reader.ReadStreamVersionAsync(stream, ct));

    /// <inheritdoc />
    public IdempotencyEntry? FindIdempotency(string key) => PostgresErrors.Guard(() => _reader.FindIdempotency(key));

    /// <inheritdoc />
    public IReadOnlyList<StreamId> FindOpenStreams(string category, IReadOnlyCollection<string> openingTypes, IReadOnlyCollection<string> closingTypes) =>
        PostgresErrors.Guard(() => _reader.FindOpenStreams(category, openingTypes, closingTypes));

    /// <inheritdoc />
    public TapeStats ReadStats() => PostgresErrors.Guard(_reader.ReadStats);

    /// <inheritdoc />
    public IReadOnlyList<EventTypeCount> ReadTypeCounts() => PostgresErrors.Guard(_reader.ReadTypeCounts);

    /// <inheritdoc />
    public Task<VerificationReport> VerifyAsync(long from = 1, long? to = null, CancellationToken ct = default) => Verifier.VerifyAsync(from, to, ct);

    /// <inheritdoc />
    Task<IReadOnlyList<string>> Ports.ITapeVerification.CheckFileAsync(CancellationToken ct) => Verifier.CheckFileAsync(ct);

    /// <inheritdoc />
    Task<IReadOnlyList<string>> Ports.ITapeVerification.CheckTailAsync(int rows, CancellationToken ct) => Verifier.CheckTailAsync(rows, ct);

    /// <inheritdoc />
    Task<byte[]?> Ports.ITapeVerification.ReadHashAtAsync(long seq, CancellationToken ct) => Verifier.ReadHashAtAsync(seq, ct);

    /// <inheritdoc />
    Task<Checkpoints.CheckpointState> Ports.ITapeVerification.ReadCheckpointStateAsync(CancellationToken ct) => Verifier.ReadCheckpointStateAsync(ct);

    /// <summary>
    /// Copies the tape into a new SQLite tape file at <paramref name="targetPath"/> (owner-only): the same rows,
    /// hashes and journal id, verifiable offline. A database-wide backup is <c>pg_dump</c>'s (docs/operations.md).
    /// </summary>
    public async Task<Backup.BackupResult> BackupAsync(string targetPath, CancellationToken ct)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var copy = await Export.SqliteTapeExport.WriteAsync(new Export.TapeFeedExportSource(this, this), targetPath, _time, ct).ConfigureAwait(false);
        return new Backup.BackupResult(copy.Path, copy.HeadSeq, copy.HeadHash, copy.Bytes, clock.Elapsed.TotalMilliseconds);
    }

    /// <inheritdoc />
    int Ports.ITapeInspection.SchemaVersion => PostgresErrors.Guard(() => _catalog.ReadSchemaVersionAsync(CancellationToken.None)).GetAwaiter().GetResult();

    /// <summary>The server and database, never the password.</summary>
    public string Location => PostgresTapeSetup.Describe(_dataSource.ConnectionString);

    /// <inheritdoc />
    bool Ports.ITapeInspection.IsInMemory => false;

    /// <inheritdoc />
    string Ports.ITapeInspection.Mode => "postgres";

    /// <inheritdoc />
    int Ports.ITapeInspection.LatestSchemaVersion => PostgresMigrator.Tape.LatestVersion;

    /// <inheritdoc />
    long Ports.ITapeInspection.StorageBytes => PostgresErrors.Guard(() => _catalog.ReadStorageBytesAsync(CancellationToken.None)).GetAwaiter().GetResult();

    /// <inheritdoc />
    long Ports.ITapeInspection.LogBytes => 0;

    /// <inheritdoc />
    IReadOnlyList<Maintenance.MaintenanceStep> Ports.ITapeInspection.RunMaintenance() =>
        [.. PostgresErrors.Guard(() => _catalog.RunMaintenanceAsync(CancellationToken.None)).GetAwaiter().GetResult(), PostgresErrors.Guard(() => Maintenance.CountsCheck.Report(_reader.CompareCounts()))];

    /// <summary>Whether this instance hears other instances' commits now (false while the server is away).</summary>
    internal bool Listening => _listener.Listening;

    /// <summary>Holds the writer until the handle is disposed; appends queue up meanwhile (a test seam).</summary>
    internal Task<IDisposable> HoldWriterAsync(CancellationToken ct) => _writer.HoldAsync(ct);

    /// <summary>Group commits done since the store was opened.</summary>
    internal long GroupCommits => _writer.Groups;

    /// <summary>Group commits that moved the kept open set (a seam for tests).</summary>
    internal long OpenSetMoves => _writer.OpenSetMoves;

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
        await _listener.DisposeAsync().ConfigureAwait(false);
        _committed.Dispose();
        await _dataSource.DisposeAsync().ConfigureAwait(false);
    }
}
