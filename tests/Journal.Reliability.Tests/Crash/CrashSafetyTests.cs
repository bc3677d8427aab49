using System.Text.Json.Nodes;
using Journal.Domain.Tape;
using Journal.EventStore;
using Journal.EventStore.Codec;
using Journal.EventStore.Serialization;
using Journal.Projections;
using Journal.Projections.Runtime;
using Journal.Reliability.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Journal.Application;

namespace Journal.Reliability.Tests.Crash;

/// <summary>
/// A child process appends from several concurrent writers (group commit) with its projection daemon
/// running and is killed with SIGKILL after a random number of acknowledgements, again and again on the
/// same files. After every kill each acknowledged event is on the tape with its content, every row is
/// whole and the chain verifies; at the end the surviving read models catch up to exactly the state a
/// fresh replay builds.
/// </summary>
[Trait("Category", "Slow")]
public sealed class CrashSafetyTests(ITestOutputHelper output) : IDisposable
{
    private const string EntryType = "transcript.entry_appended.v1";
    private readonly TestDirectory _directory = new("crash");

    [Fact]
    public async Task Tape_keeps_every_acknowledged_event_whole_across_repeated_SIGKILLs()
    {
        var seed = Seeds.Next(output, nameof(Tape_keeps_every_acknowledged_event_whole_across_repeated_SIGKILLs));
        var random = new Random(seed);
        var kills = Seeds.Setting("RELIABILITY_KILLS", 20);
        var acknowledged = new Dictionary<long, Ack>();
        for (var round = 0; round < kills; round++)
        {
            var target = random.Next(1, 400);
            var acks = await CrashChildProcess.RunAndKillAsync(_directory.Tape, writers: 4, $"r{round}", target, TimeSpan.FromSeconds(60));
            foreach (var ack in acks)
            {
                Assert.True(acknowledged.TryAdd(ack.Position, ack), $"position {ack.Position} acknowledged twice");
            }

            var head = await CheckTapeAsync(acknowledged);
            output.WriteLine($"round {round}: killed after {acks.Count} acks (target {target}); tape head {head}, {acknowledged.Count} acknowledged in all");
        }

        Assert.True(acknowledged.Count >= kills);
        await CheckReadModelsAsync();
    }

    public void Dispose() => _directory.Dispose();

    /// <summary>Every acknowledged entry at its position with its content; every row decodes; the chain verifies.</summary>
    private async Task<long> CheckTapeAsync(Dictionary<long, Ack> acknowledged)
    {
        await using var store = SqliteEventStore.Open(new JournalStoreOptions { DatabasePath = _directory.Tape }, new EventTypeRegistry([]), TimeProvider.System);
        var report = await store.VerifyAsync();
        Assert.True(report.IsIntact, $"chain broken after a kill: {report.FirstMismatch}");
        Assert.Equal(report.HeadSeq, report.EventsChecked);

        var rows = 0L;
        var entries = new HashSet<Guid>();
        await foreach (var row in store.ReadAllAsync(1, CancellationToken.None))
        {
            rows++;
            Assert.Equal(rows, row.Seq);
            Assert.NotNull(row.Payload);
            var payload = JsonMessagePack.Decode(row.Payload.Value) as JsonObject;
            Assert.NotNull(payload);
            _ = row.Metadata;
            if (row.EventType == EntryType)
            {
                Assert.True(entries.Add(Guid.Parse(payload["entryId"]!.GetValue<string>())), $"entry at seq {row.Seq} appears twice");
            }

            if (acknowledged.TryGetValue(row.Seq, out var ack))
            {
                Assert.Equal(EntryType, row.EventType);
                Assert.Equal(ack.EntryId, Guid.Parse(payload["entryId"]!.GetValue<string>()));
                Assert.Equal(ack.Text, payload["text"]!.GetValue<string>());
            }
        }

        Assert.Equal(report.HeadSeq, rows);
        var lost = acknowledged.Keys.Where(p => p > rows).ToList();
        Assert.True(lost.Count == 0, $"acknowledged positions missing from the tape: {string.Join(", ", lost.Take(10))}");
        return rows;
    }

    /// <summary>The read models the killed children left behind catch up to what a fresh replay into a new file builds.</summary>
    private async Task CheckReadModelsAsync()
    {
        var survivor = await CatchUpAsync(Path.Combine(_directory.Path, "data", "projections.db"));
        var fresh = await CatchUpAsync(_directory.Combine("fresh", "projections.db"));

        Assert.Equal(fresh.Keys, survivor.Keys);
        foreach (var (table, rows) in fresh)
        {
            Assert.True(rows.SequenceEqual(survivor[table]), $"read model table {table} differs: {rows.Count} rows fresh, {survivor[table].Count} after crashes");
        }

        Assert.Contains(fresh, t => t.Key.StartsWith("transcript", StringComparison.Ordinal) && t.Value.Count > 0);
    }

    private async Task<SortedDictionary<string, List<string>>> CatchUpAsync(string projectionsPath)
    {
        var services = new ServiceCollection()
            .AddJournal(new JournalStoreOptions { DatabasePath = _directory.Tape }, new ProjectionOptions { DatabasePath = projectionsPath })
            .BuildServiceProvider();
        await using (services)
        {
            var daemon = services.GetRequiredService<ProjectionDaemon>();
            var head = await services.GetRequiredService<SqliteEventStore>().ReadHeadAsync(CancellationToken.None);
            var reached = await daemon.CatchUpAsync(CancellationToken.None);
            Assert.Equal(head.Seq, reached);
            Assert.Empty(daemon.DeadLetters());
            using var connection = services.GetRequiredService<ReadModelStore>().OpenReader();
            return ReadModelDump.Of(connection);
        }
    }
}
