using Journal.EventStore.Merkle.Postgres;
using Journal.EventStore.Merkle.Sqlite;
using Journal.EventStore.Merkle.Tree;
using Journal.EventStore.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Journal.EventStore.Merkle;

/// <summary>Opens the Merkle tree of an open tape, on its backend (see docs/operations.md, "The Merkle tree").</summary>
public static class TapeTrees
{
    /// <summary>The side file of a SQLite tape's tree: <see cref="JournalStoreOptions.MerklePath"/>, or <c>merkle.db</c> beside the tape.</summary>
    public static string SideFilePath(JournalStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.MerklePath ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(options.DatabasePath)) ?? ".", "merkle.db");
    }

    /// <summary>
    /// The tree of a SQLite tape, in its side file (in memory beside an in-memory tape); its builder starts at once
    /// in the background. <see cref="TapeTreeOff"/> when <see cref="JournalStoreOptions.MerkleTree"/> is false.
    /// </summary>
    public static ITapeTree Open(SqliteEventStore store, ILogger? logger = null, TreeBuilderOptions? builder = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        var options = store.File.Options;
        if (!options.MerkleTree)
        {
            return new TapeTreeOff();
        }

        var nodes = store.File.Connections.IsInMemory
            ? SqliteTreeStore.OpenInMemory(options.BusyTimeoutMs)
            : SqliteTreeStore.OpenFile(SideFilePath(options), options.BusyTimeoutMs);
        return new TapeTree(nodes, new SqliteTapeHashes(store.File.Connections, store.File.JournalId), store.Committed, logger ?? NullLogger.Instance, builder);
    }

    /// <summary>
    /// The tree of a PostgreSQL tape, in its database; its builder starts at once in the background (every instance
    /// builds; they agree). <see cref="TapeTreeOff"/> when the options turn the tree off.
    /// </summary>
    public static ITapeTree Open(Journal.EventStore.Postgres.PostgresEventStore store, JournalStoreOptions options, ILogger? logger = null, TreeBuilderOptions? builder = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        if (!options.MerkleTree)
        {
            return new TapeTreeOff();
        }

        return new TapeTree(new PostgresTreeStore(store.DataSource), new PostgresTapeHashes(store.DataSource, store.JournalId), store.Committed, logger ?? NullLogger.Instance, builder);
    }
}
