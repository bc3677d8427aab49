using System.Data.Common;
using Journal.Domain.Tape;
using Journal.EventStore.Chain;
using Journal.EventStore.Serialization;
using Journal.EventStore.Storage;

namespace Journal.EventStore.Writing;

/// <summary>
/// What the group commit asks of the database, one backend each: SQLite (<see cref="SqliteTapeStatements"/>)
/// runs every call at once on its file; PostgreSQL (<see cref="Postgres.PostgresTapeStatements"/>) holds the
/// rows back and sends a group's work in as few round trips as it can. Only the holder of the writer calls it.
/// </summary>
internal interface ITapeStatements : IDisposable
{
    /// <summary>
    /// Whether a group gathers its callers before <see cref="Begin"/> rather than inside the transaction: true where
    /// the transaction holds a lock that other writers of the tape wait on.
    /// </summary>
    bool GathersBeforeBegin { get; }

    /// <summary>Opens the group's transaction.</summary>
    void Begin();

    /// <summary>
    /// Adds what the group wrote to the kept counts and, when it wrote an event of a type registered to open or
    /// close a stream, moves the kept open streams by its rows, inside its transaction, just before
    /// <see cref="Commit"/>: SQLite runs its prepared statements now, PostgreSQL folds them into the commit's batch.
    /// </summary>
    void AddCounts(GroupCounts counts);

    /// <summary>
    /// Groups whose commit moved the kept open set (ran its statements); a group holding no event of a registered
    /// opening or closing type skips them. Read from any thread (a seam for tests).
    /// </summary>
    long OpenSetMoves { get; }

    /// <summary>Commits the group's transaction: every row inserted since <see cref="Begin"/> is durable after it.</summary>
    void Commit();

    /// <summary>Rolls the group's transaction back.</summary>
    void Rollback();

    /// <summary>Marks the start of one request inside the group.</summary>
    void Savepoint();

    /// <summary>Keeps what the request wrote since <see cref="Savepoint"/>.</summary>
    void ReleaseSavepoint();

    /// <summary>Undoes what the request wrote since <see cref="Savepoint"/>.</summary>
    void RollbackToSavepoint();

    /// <summary>
    /// The committed head: its position, hash and time (genesis when the tape is empty). Inside a group this is
    /// where the writer serializes with every other writer of the tape, so the head it answers stays the head
    /// until the group commits.
    /// </summary>
    (long Seq, byte[] Hash, long RecordedAt) Head();

    /// <summary>
    /// Called before the requests from <paramref name="from"/> on are applied, inside the group: a backend where
    /// each lookup costs a round trip fetches the ones they will ask for at once. SQLite has nothing to do.
    /// </summary>
    void Prepare(IReadOnlyList<WriteRequest> group, int from);

    /// <summary>The last version of a stream, 0 when it has no event.</summary>
    long StreamVersion(string stream);

    /// <summary>Up to <paramref name="limit"/> events of a stream from a version on, outside any group.</summary>
    List<RecordedEvent> StreamFrom(string stream, long fromVersion, int limit);

    /// <summary>Where an event id is on the tape (this group's rows included), or null.</summary>
    (long Seq, string StreamId, long StreamVersion, string EventType, byte[] PayloadDigest)? FindIdentity(Guid eventId);

    /// <summary>What an idempotency key recorded (this group's records included), or null.</summary>
    IdempotencyEntry? FindIdempotency(string key);

    /// <summary>Records a command's idempotency key with its result.</summary>
    void InsertIdempotency(IdempotencyRecord record, string stream, long version, long position, int eventsWritten, long recordedAt);

    /// <summary>An event's type and whether its payload is erased, or null when there is no such position.</summary>
    (string EventType, bool Erased)? PayloadState(long seq);

    /// <summary>Erases the payload at a position.</summary>
    void ErasePayload(long seq);

    /// <summary>Inserts one chained row.</summary>
    void Insert(in ChainFields fields, EncodedEvent encoded, byte[] prevHash, byte[] hash);

    /// <summary>The storage error a database failure means to a caller.</summary>
    StorageException Describe(string what, DbException error);

    /// <summary>Whether a failure is a broken table constraint (the request is refused, the group goes on).</summary>
    bool IsConstraintViolation(DbException error);

    /// <summary>Caps the storage at its current size, or lifts the cap (a seam for the fault tests).</summary>
    void CapGrowth(bool capped);
}
