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

    /// <summary>Runs an admin verb in-process: exit code, standard output, standard error.</summary>
    public static async Task<(int Code, string Output, string Error)> CliAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await JournalCli.RunAsync(args, TextReader.Null, output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }
}
