using System.Globalization;
using Journal.Api.Cli;
using Journal.Domain.Tape;
using Journal.EventStore;
using Journal.EventStore.Serialization;
using Microsoft.Data.Sqlite;

namespace Journal.Reliability.Tests.Support;

/// <summary>Builds small tapes, edits them as an attacker would, and runs the admin verbs in-process.</summary>
public static class Tapes
{
    /// <summary>Drops the append-only triggers, as anyone with write access to the file can.</summary>
    public const string DropTriggers = "DROP TRIGGER IF EXISTS journal_events_no_delete; DROP TRIGGER IF EXISTS journal_events_only_erasure;";

    /// <summary>The text planted in the payload of the event at <paramref name="seq"/>.</summary>
    public static string Marker(int seq) => string.Create(CultureInfo.InvariantCulture, $"MARKER-{seq:D4}-the-quick-brown-fox");

    /// <summary>A tape of <paramref name="events"/> events, one per stream, each carrying <see cref="Marker"/>; closed and checkpointed.</summary>
    public static async Task CreateAsync(string path, int events)
    {
        await using (var store = SqliteEventStore.Open(new JournalStoreOptions { DatabasePath = path }, new EventTypeRegistry([]), TimeProvider.System))
        {
            for (var seq = 1; seq <= events; seq++)
            {
                await store.AppendAsync(StreamId.Parse($"note-{seq}"), ExpectedVersion.NoStream, [new EventData(Guid.NewGuid(), "test.noted.v1", new { text = Marker(seq) })], new EventMetadata(Actor: "reliability"), default);
            }
        }

        Execute(path, "PRAGMA wal_checkpoint(TRUNCATE);");
    }

    private static void Run(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Runs SQL on the file through another connection (not the journal's).</summary>
    public static void Execute(string path, string sql)
    {
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }

        SqliteConnection.ClearAllPools();
    }

    /// <summary>
    /// Replaces journal_events by a copy without constraints or triggers, runs <paramref name="sql"/> on it,
    /// then recomputes prev_hash and hash of every row from <paramref name="fromSeq"/> on: a forgery whose
    /// chain holds again, made with nothing but docs/hash-chain.md.
    /// </summary>
    public static void ForgeAndRechain(string path, string sql, long fromSeq)
    {
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
        {
            connection.Open();
            Run(connection, """
                CREATE TABLE journal_events_copy AS SELECT * FROM journal_events;
                DROP TABLE journal_events;
                ALTER TABLE journal_events_copy RENAME TO journal_events;
                """);
            Run(connection, sql);
            var rows = new List<object[]>();
            using (var select = connection.CreateCommand())
            {
                select.CommandText = "SELECT seq, event_id, stream_id, stream_version, event_type, recorded_at, metadata, payload_digest FROM journal_events WHERE seq >= $from ORDER BY seq";
                select.Parameters.AddWithValue("$from", fromSeq);
                using var reader = select.ExecuteReader();
                while (reader.Read())
                {
                    var row = new object[8];
                    reader.GetValues(row);
                    rows.Add(row);
                }
            }

            byte[] prev;
            using (var select = connection.CreateCommand())
            {
                select.CommandText = "SELECT hash FROM journal_events WHERE seq = $seq";
                select.Parameters.AddWithValue("$seq", fromSeq - 1);
                prev = (byte[])select.ExecuteScalar()!;
            }

            foreach (var row in rows)
            {
                var hash = new byte[32];
                Journal.EventStore.Chain.ChainHash.Compute(
                    prev, (long)row[0], (byte[])row[1], System.Text.Encoding.UTF8.GetBytes((string)row[2]), (long)row[3],
                    System.Text.Encoding.UTF8.GetBytes((string)row[4]), (long)row[5], System.Security.Cryptography.SHA256.HashData((byte[])row[6]), (byte[])row[7], hash);
                using var update = connection.CreateCommand();
                update.CommandText = "UPDATE journal_events SET prev_hash = $prev, hash = $hash WHERE seq = $seq";
                update.Parameters.AddWithValue("$prev", prev);
                update.Parameters.AddWithValue("$hash", hash);
                update.Parameters.AddWithValue("$seq", row[0]);
                update.ExecuteNonQuery();
                prev = hash;
            }
        }

        SqliteConnection.ClearAllPools();
    }

    /// <summary>Runs an admin verb in-process: exit code, standard output, standard error.</summary>
    public static async Task<(int Code, string Output, string Error)> CliAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await JournalCli.RunAsync(args, TextReader.Null, output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }
}
