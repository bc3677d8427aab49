using Journal.EventStore.Redaction;
using Journal.EventStore.Storage;

namespace Journal.EventStore;

/// <summary>Settings of the tape store.</summary>
public sealed record JournalStoreOptions
{
    /// <summary>Path of the tape's SQLite file. Its directory is created owner-only when missing.</summary>
    public string DatabasePath { get; init; } = Path.Combine("data", "journal.db");

    /// <summary>Where the tape is stored: the SQLite file at <see cref="DatabasePath"/> (the default) or PostgreSQL at <see cref="ConnectionString"/>.</summary>
    public TapeProvider Provider { get; init; } = TapeProvider.Sqlite;

    /// <summary>The Npgsql connection string of a PostgreSQL tape; null for SQLite. Never printed with its password (see <see cref="ToString"/>).</summary>
    public string? ConnectionString { get; init; }

    /// <summary>
    /// Whether start-up fails the runs and tool jobs a previous process left active (crash recovery). Null: yes on
    /// SQLite, where the file has one writer; no on PostgreSQL, where another running instance may own that work.
    /// </summary>
    public bool? RecoverAtStartup { get; init; }

    /// <summary><see cref="RecoverAtStartup"/> with its default for the provider applied.</summary>
    public bool RecoversAtStartup => RecoverAtStartup ?? Provider == TapeProvider.Sqlite;

    /// <summary>
    /// Keep the tape in a shared in-memory SQLite database instead of the file (default false). Nothing
    /// reaches the disk except the snapshots written to <see cref="SnapshotPath"/>; the last snapshot is
    /// loaded at open.
    /// </summary>
    public bool InMemory { get; init; }

    /// <summary>The snapshot file of an in-memory tape (loaded at open when present); null for none.</summary>
    public string? SnapshotPath { get; init; }

    /// <summary>Largest encoded payload accepted, in bytes (default 1 MiB).</summary>
    public int MaxPayloadBytes { get; init; } = 1024 * 1024;

    /// <summary>How long a connection waits for a lock held by another process, in milliseconds.</summary>
    public int BusyTimeoutMs { get; init; } = 5000;

    /// <summary>Most events one group commit writes in one transaction.</summary>
    public int MaxEventsPerCommit { get; init; } = 4096;

    /// <summary>
    /// Longest a group commit stays open for the callers of the previous group to come back, in
    /// milliseconds (default 1; 0 commits whatever is queued at once). A group waits only while it holds
    /// fewer requests than the last group did, so a lone caller never waits. Not used in memory
    /// (<see cref="InMemory"/>), where a commit has no flush to share.
    /// </summary>
    public int GroupCommitWaitMs { get; init; } = 1;

    /// <summary>Rows per batch when reading the whole tape.</summary>
    public int ReadBatchSize { get; init; } = 1024;

    /// <summary>
    /// On PostgreSQL, how long a reader waits for a commit notification before it reads the head anyway (the
    /// fallback for a notification lost with a connection).
    /// </summary>
    public int PollIntervalMs { get; init; } = 1000;

    /// <summary>
    /// Keep the tape's Merkle tree (default true): a builder follows the commits and stores the tree's complete
    /// subtrees, so tree heads and proofs cost O(log n) reads. When false nothing is built and every tree question
    /// fails with <see cref="Merkle.Tree.MerkleTreeOffException"/>.
    /// </summary>
    public bool MerkleTree { get; init; } = true;

    /// <summary>The side file of a SQLite tape's Merkle tree; null for <c>merkle.db</c> beside the tape.</summary>
    public string? MerklePath { get; init; }

    /// <summary>What redaction removes before anything is encoded or hashed.</summary>
    public RedactionOptions Redaction { get; init; } = RedactionOptions.Default;

    /// <summary>The settings as text, the connection string's password hidden (options are logged and shown in errors).</summary>
    public override string ToString()
    {
        var shown = this with { ConnectionString = Storage.ConnectionStrings.Redact(ConnectionString) };
        var text = new System.Text.StringBuilder(nameof(JournalStoreOptions)).Append(" { ");
        if (shown.PrintMembers(text))
        {
            text.Append(' ');
        }

        return text.Append('}').ToString();
    }

    /// <summary>Checks the settings, naming the key at fault.</summary>
    public void Validate()
    {
        StoragePaths.Validate(DatabasePath, nameof(DatabasePath));
        if (SnapshotPath is not null)
        {
            StoragePaths.Validate(SnapshotPath, nameof(SnapshotPath));
        }

        if (MerklePath is not null)
        {
            StoragePaths.Validate(MerklePath, nameof(MerklePath));
        }

        if (MaxPayloadBytes is < 1024 or > 64 * 1024 * 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxPayloadBytes), MaxPayloadBytes, "MaxPayloadBytes must be between 1 KiB and 64 MiB");
        }

        if (BusyTimeoutMs is < 0 or > 600_000)
        {
            throw new ArgumentOutOfRangeException(nameof(BusyTimeoutMs), BusyTimeoutMs, "BusyTimeoutMs must be between 0 and 600000");
        }

        if (MaxEventsPerCommit is < 1 or > 100_000)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxEventsPerCommit), MaxEventsPerCommit, "MaxEventsPerCommit must be between 1 and 100000");
        }

        if (GroupCommitWaitMs is < 0 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(GroupCommitWaitMs), GroupCommitWaitMs, "GroupCommitWaitMs must be between 0 and 1000");
        }

        if (Provider == TapeProvider.Postgres && string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new ArgumentException("a PostgreSQL tape needs a connection string", nameof(ConnectionString));
        }

        if (PollIntervalMs is < 10 or > 600_000)
        {
            throw new ArgumentOutOfRangeException(nameof(PollIntervalMs), PollIntervalMs, "PollIntervalMs must be between 10 and 600000");
        }

        if (ReadBatchSize is < 1 or > 100_000)
        {
            throw new ArgumentOutOfRangeException(nameof(ReadBatchSize), ReadBatchSize, "ReadBatchSize must be between 1 and 100000");
        }
    }
}
