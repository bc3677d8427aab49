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
    private const int MaxEventsPerAppend = 10_000;
    private const int MaxErasedPerCall = 100_000;

    private readonly TapeWriter _writer;
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
        _writer = new TapeWriter(writerConnection, serializer, time, file.Options.MaxEventsPerCommit, GroupCommitWait(file), OnCommitted, metrics.RecordGroup, _traces);
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
    public async Task<IReadOnlyList<AppendResult>> AppendAsync(IReadOnlyList<StreamAppend> appends, EventMetadata metadata, IdempotencyRecord? idempotency, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        metadata ??= EventMetadata.Empty;

        // The span lives on the caller's flow, around the awaited append: it is the command's child on any
        // thread the group commit runs on, and it lasts what the caller waits (encode, queue, commit).
        using var activity = Tracing.TapeTracing.StartAppend(appends ?? [], metadata);
        try
        {
            var encoded = Encode(appends!, metadata);
            var trace = activity is null ? (Tracing.AppendTrace?)null : new Tracing.AppendTrace(activity.Context, metadata.CorrelationId, 0, 0);
            var request = _writer.Append(encoded, idempotency, trace, ct);
            var results = await request.Completion.Task.ConfigureAwait(false);
            var events = 0;
            foreach (var append in encoded)
            {
                events += append.Events.Count;
            }

            _metrics.RecordAppend(events, System.Diagnostics.Stopwatch.GetElapsedTime(started));
            if (activity is not null)
            {
                Tracing.TapeTracing.Appended(activity, events, request.GroupSize, results);
            }

            return results;
        }
        catch (Exception ex) when (activity is not null)
        {
            Tracing.TapeTracing.Failed(activity, ex);
            throw;
        }
    }

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
    Guid Ports.ITapeInspection.JournalId => File.JournalId;

    /// <inheritdoc />
    int Ports.ITapeInspection.SchemaVersion => File.SchemaVersion;

    /// <inheritdoc />
    string Ports.ITapeInspection.Location => File.DatabasePath;

    /// <inheritdoc />
    bool Ports.ITapeInspection.IsInMemory => File.Connections.IsInMemory;

    /// <inheritdoc />
    long Ports.ITapeInspection.StorageBytes => BytesOnDisk(File.DatabasePath);

    /// <inheritdoc />
    long Ports.ITapeInspection.LogBytes => BytesOnDisk(File.DatabasePath + "-wal");

    /// <inheritdoc />
    IReadOnlyList<Maintenance.MaintenanceStep> Ports.ITapeInspection.RunMaintenance() => Maintenance.SqliteMaintenance.Run(File.Connections, "tape");

    /// <inheritdoc />
    Task<IReadOnlyList<string>> Ports.ITapeVerification.CheckFileAsync(CancellationToken ct) => Verifier.CheckFileAsync(ct);

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
    public Task<ErasureResult> ErasePayloadsAsync(IReadOnlyCollection<long> seqs, string reason, EventMetadata metadata, CancellationToken ct)
    {
        if (seqs is null || seqs.Count == 0)
        {
            throw new ValidationException("seqs", "name at least one position to erase");
        }

        if (seqs.Count > MaxErasedPerCall)
        {
            throw new ValidationException("seqs", $"at most {MaxErasedPerCall} positions per erasure");
        }

        if (seqs.Any(s => s < 1))
        {
            throw new ValidationException("seqs", "positions start at 1");
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 1000)
        {
            throw new ValidationException("reason", "a reason of 1 to 1000 characters is required");
        }

        return _writer.EraseAsync(seqs.ToList(), reason, metadata ?? EventMetadata.Empty, ct);
    }

    /// <summary>Appends waiting for the writer.</summary>
    internal int QueuedWrites => _writer.Queued;

    /// <summary>Group commits done since the store was opened.</summary>
    internal long GroupCommits => _writer.Groups;

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

    private List<EncodedStreamAppend> Encode(IReadOnlyList<StreamAppend> appends, EventMetadata metadata)
    {
        if (appends is null || appends.Count == 0)
        {
            throw new ValidationException("streams", "an append names at least one stream");
        }

        // A single-stream, single-event append (the common case) cannot repeat a stream or an id: no sets.
        var streams = appends.Count > 1 ? new HashSet<string>(StringComparer.Ordinal) : null;
        var ids = appends.Count > 1 || appends[0].Events?.Count > 1 ? new HashSet<Guid>() : null;
        var total = 0;
        PayloadSerializer.EncodedMetadata? plainMetadata = null;
        var encoded = new List<EncodedStreamAppend>(appends.Count);
        foreach (var append in appends)
        {
            if (append.Stream.Value is null)
            {
                throw new ValidationException("stream", "a stream id is required");
            }

            if (streams is not null && !streams.Add(append.Stream.Value))
            {
                throw new ValidationException("stream", $"stream '{append.Stream}' appears twice in one append");
            }

            if (append.Events is null || append.Events.Count == 0)
            {
                throw new ValidationException("events", $"the append to '{append.Stream}' has no event");
            }

            total += append.Events.Count;
            if (total > MaxEventsPerAppend)
            {
                throw new ValidationException("events", $"at most {MaxEventsPerAppend} events per append");
            }

            var events = new EncodedEvent[append.Events.Count];
            for (var i = 0; i < events.Length; i++)
            {
                var data = append.Events[i] ?? throw new ValidationException("events", "an event is null");
                if (ids is not null && !ids.Add(data.EventId))
                {
                    throw new ValidationException("eventId", $"event id {data.EventId} appears twice in one append");
                }

                events[i] = Serializer.Encode(data, metadata, ref plainMetadata);
            }

            encoded.Add(new EncodedStreamAppend(append.Stream, append.Expected, events));
        }

        return encoded;
    }

    private void OnCommitted(long seq)
    {
        _metrics.RecordHead(seq);
        _committed.OnNext(seq);
    }
}
