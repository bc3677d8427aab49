using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Journal.EventStore;
using Journal.EventStore.Codec;
using Journal.EventStore.Postgres;
using Journal.EventStore.Serialization;
using Journal.Reliability.Tests.Support;
using Journal.Testing.Postgres;
using Journal.Testing.Processes;

namespace Journal.Reliability.Tests.Crash;

/// <summary>
/// Two service processes on one PostgreSQL tape, each with its own data directory (read models) and port,
/// appending over HTTP; one is killed with SIGKILL in the middle of the load. The other goes on, nothing
/// either acknowledged is lost or moved, the chain stays whole and gapless, and the killed instance,
/// started again on its directory, catches its read models up with what the survivor wrote.
/// </summary>
[Trait("Category", "Slow")]
public sealed class PostgresKillTests(PostgresServerFixture fixture, ITestOutputHelper output) : IClassFixture<PostgresServerFixture>, IDisposable
{
    private const string EntryType = "transcript.entry_appended.v1";
    private const int WritersPerInstance = 3;
    private const int AcksOfABeforeKill = 150;
    private const int AcksOfBAfterKill = 150;
    private readonly TestDirectory _directory = new("pg-kill");

    [Fact]
    public async Task Survivor_keeps_appending_and_nothing_acknowledged_is_lost_when_one_of_two_instances_is_SIGKILLed_under_load()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var ct = deadline.Token;
        var cs = await fixture.Server.CreateDatabaseAsync("kill" + Guid.NewGuid().ToString("N"), ct);
        string[] settings =
        [
            "--Journal:Tape:Provider=postgres",
            $"--Journal:Tape:ConnectionString={cs}",
            "--Journal:RateLimitPerMinute=10000000",
            "--Logging:LogLevel:Default=Warning",
        ];
        var dataA = _directory.Combine("a");
        var dataB = _directory.Combine("b");
        await using var a = ServiceProcess.Start(_directory.Path, dataA, ServiceProcess.FreePort(), settings);
        await using var b = ServiceProcess.Start(_directory.Path, dataB, ServiceProcess.FreePort(), settings);
        await Task.WhenAll(a.WaitUntilLiveAsync(ct), b.WaitUntilLiveAsync(ct));

        var load = new Load();
        var sessionsA = await CreateSessionsAsync(a, ct);
        var sessionsB = await CreateSessionsAsync(b, ct);
        using var stopB = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var writers = sessionsA.Select((s, w) => WriteAsync(a, "a", s, w, load, ct))
            .Concat(sessionsB.Select((s, w) => WriteAsync(b, "b", s, w, load, stopB.Token)))
            .ToList();

        await load.AReached.Task.WaitAsync(ct);
        load.Killing = true;
        var exit = await a.KillAsync();
        load.Killed = true;
        await load.BAfterKillReached.Task.WaitAsync(ct);
        await stopB.CancelAsync();
        await Task.WhenAll(writers);

        // SIGKILL: the service had no chance to finish a request, a commit or a read-model write.
        Assert.Equal(128 + 9, exit);
        Assert.True(load.Errors.IsEmpty, string.Join('\n', load.Errors.Take(10)) + "\n" + b.Output);
        var acks = load.Acks.Values.ToList();
        output.WriteLine($"acknowledged: {acks.Count(x => x.Instance == "a")} by a (killed), {acks.Count(x => x.Instance == "b")} by b, {acks.Count(x => x.AfterKill)} of them after the kill");
        Assert.True(acks.Count(x => x.Instance == "b" && x.AfterKill) >= AcksOfBAfterKill);

        var tape = await CheckTapeAsync(cs, acks, ct);
        output.WriteLine($"tape head {tape.Head}: {tape.Head - acks.Count - 2 * WritersPerInstance} committed entries nobody acknowledged (in flight when a died)");
        var verify = await Tapes.CliAsync("verify", "--db", cs);
        Assert.True(verify.Code == 0, verify.Error + verify.Output);

        await using var restarted = ServiceProcess.Start(_directory.Path, dataA, ServiceProcess.FreePort(), settings);
        await restarted.WaitUntilLiveAsync(ct);
        var sessions = sessionsA.Concat(sessionsB).ToList();
        var readA = await ReadModelsAsync(restarted, tape.Head, sessions, ct);
        var readB = await ReadModelsAsync(b, tape.Head, sessions, ct);
        foreach (var session in sessions)
        {
            Assert.Equal(tape.Entries.GetValueOrDefault(session, []), readA[session]);
            Assert.Equal(readB[session], readA[session]);
        }
    }

    public void Dispose() => _directory.Dispose();

    /// <summary>One session per writer, created on <paramref name="service"/>.</summary>
    private static async Task<List<Guid>> CreateSessionsAsync(ServiceProcess service, CancellationToken ct)
    {
        using var client = service.Client();
        var sessions = new List<Guid>();
        for (var w = 0; w < WritersPerInstance; w++)
        {
            using var created = await client.PostAsJsonAsync("/v1/sessions", new { principal = "kill", device = $"writer-{w}", channel = "http" }, ct);
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync(ct));
            var stream = (await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("stream").GetString()!;
            sessions.Add(Guid.Parse(stream["session-".Length..]));
        }

        return sessions;
    }

    /// <summary>
    /// Appends to <paramref name="session"/> until stopped. A failure is an error, except on the instance being
    /// killed once the kill has begun: that writer stops there.
    /// </summary>
    private static Task WriteAsync(ServiceProcess service, string instance, Guid session, int writer, Load load, CancellationToken ct) => Task.Run(async () =>
    {
        using var client = service.Client();
        for (var n = 0; !ct.IsCancellationRequested; n++)
        {
            var entry = Guid.NewGuid();
            var text = string.Create(CultureInfo.InvariantCulture, $"{instance}-w{writer}-n{n}");
            var afterKill = load.Killed;
            try
            {
                using var response = await client.PostAsJsonAsync($"/v1/sessions/{session}/transcript", new { kind = "AssistantMessage", text, entryId = entry }, CancellationToken.None);
                if (!response.IsSuccessStatusCode)
                {
                    load.Fail($"{instance}: append {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(CancellationToken.None)}");
                    return;
                }

                var position = (await response.Content.ReadFromJsonAsync<JsonElement>(CancellationToken.None)).GetProperty("position").GetInt64();
                load.Acknowledge(new Acked(instance, session, entry, text, position, afterKill));
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
            {
                if (!(instance == "a" && load.Killing))
                {
                    load.Fail($"{instance}: append failed: {ex.Message}");
                }

                return;
            }
        }
    }, CancellationToken.None);

    /// <summary>Every acknowledged entry at its position with its content; positions gapless; the chain verifies.</summary>
    private static async Task<(long Head, Dictionary<Guid, List<(Guid Entry, long Position)>> Entries)> CheckTapeAsync(string cs, List<Acked> acks, CancellationToken ct)
    {
        await using var store = PostgresEventStore.Open(new JournalStoreOptions { Provider = TapeProvider.Postgres, ConnectionString = cs }, new EventTypeRegistry([]), TimeProvider.System);
        var report = await store.VerifyAsync(ct: ct);
        Assert.True(report.IsIntact, $"chain broken after the kill: {report.FirstMismatch}");
        Assert.Equal(report.HeadSeq, report.EventsChecked);

        var twice = acks.GroupBy(x => x.Position).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(twice.Count == 0, $"positions acknowledged twice: {string.Join(", ", twice.Take(10))}");
        var byPosition = acks.ToDictionary(x => x.Position);
        var entries = new Dictionary<Guid, List<(Guid Entry, long Position)>>();
        var rows = 0L;
        await foreach (var row in store.ReadAllAsync(1, ct))
        {
            rows++;
            Assert.Equal(rows, row.Seq);
            if (row.EventType == EntryType)
            {
                var payload = (JsonObject)JsonMessagePack.Decode(row.Payload!.Value)!;
                var session = Guid.Parse(payload["sessionId"]!.GetValue<string>());
                var entry = Guid.Parse(payload["entryId"]!.GetValue<string>());
                if (!entries.TryGetValue(session, out var list))
                {
                    entries[session] = list = [];
                }

                list.Add((entry, row.Seq));
                if (byPosition.Remove(row.Seq, out var ack))
                {
                    Assert.Equal((ack.Session, ack.Entry, ack.Text), (session, entry, payload["text"]!.GetValue<string>()));
                }
            }
        }

        Assert.Equal(report.HeadSeq, rows);
        Assert.True(byPosition.Count == 0, $"acknowledged but not on the tape as acknowledged: {string.Join(", ", byPosition.Values.Take(10))}");
        return (rows, entries);
    }

    /// <summary>
    /// Waits (on the service's own projection report) until every projection of <paramref name="service"/> has
    /// reached <paramref name="head"/>, then reads each session's transcript from its read models.
    /// </summary>
    private static async Task<Dictionary<Guid, List<(Guid Entry, long Position)>>> ReadModelsAsync(ServiceProcess service, long head, List<Guid> sessions, CancellationToken ct)
    {
        using var client = service.Client();
        var seen = string.Empty;
        try
        {
            while (true)
            {
                var report = await client.GetFromJsonAsync<JsonElement>("/v1/admin/projections", ct);
                var projections = report.GetProperty("projections").EnumerateArray().ToList();
                Assert.Empty(report.GetProperty("deadLetters").EnumerateArray());
                Assert.All(projections, p => Assert.Equal("running", p.GetProperty("state").GetString()));
                if (projections.Count > 0 && projections.All(p => p.GetProperty("position").GetInt64() >= head))
                {
                    break;
                }

                seen = report.ToString();
                await Task.Delay(50, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            Assert.Fail($"the read models of {service.Address} did not reach the head {head} in time; last report: {seen}");
        }

        var read = new Dictionary<Guid, List<(Guid Entry, long Position)>>();
        foreach (var session in sessions)
        {
            var entries = new List<(Guid Entry, long Position)>();
            string? cursor = null;
            do
            {
                var query = $"/v1/sessions/{session}/transcript?limit=500&minPosition={head}" + (cursor is null ? string.Empty : "&cursor=" + Uri.EscapeDataString(cursor));
                var page = await client.GetFromJsonAsync<JsonElement>(query, ct);
                entries.AddRange(page.GetProperty("items").EnumerateArray().Select(e => (e.GetProperty("entryId").GetGuid(), e.GetProperty("position").GetInt64())));
                cursor = page.GetProperty("nextCursor").GetString();
            }
            while (cursor is not null);

            read[session] = entries;
        }

        return read;
    }

    /// <summary>One append an instance acknowledged, and whether it was sent after the kill had finished.</summary>
    private sealed record Acked(string Instance, Guid Session, Guid Entry, string Text, long Position, bool AfterKill);

    /// <summary>What the writers share: the acknowledgements, the errors, and the points the test waits for.</summary>
    private sealed class Load
    {
        private int _ofA;
        private int _ofBAfterKill;
        private volatile bool _killing;
        private volatile bool _killed;

        public ConcurrentDictionary<Guid, Acked> Acks { get; } = new();

        public ConcurrentQueue<string> Errors { get; } = new();

        /// <summary>Set once A has acknowledged enough to be killed "in the middle".</summary>
        public TaskCompletionSource AReached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Set once B has acknowledged enough appends sent after the kill.</summary>
        public TaskCompletionSource BAfterKillReached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>The kill of A has begun: A's failures from here on are expected.</summary>
        public bool Killing
        {
            get => _killing;
            set => _killing = value;
        }

        /// <summary>A has died: appends sent from here on are sent after the kill.</summary>
        public bool Killed
        {
            get => _killed;
            set => _killed = value;
        }

        /// <summary>Records an error and ends the waits at once, so the test fails with it rather than at its deadline.</summary>
        public void Fail(string error)
        {
            Errors.Enqueue(error);
            var failed = new InvalidOperationException(error);
            AReached.TrySetException(failed);
            BAfterKillReached.TrySetException(failed);
        }

        public void Acknowledge(Acked ack)
        {
            Assert.True(Acks.TryAdd(ack.Entry, ack));
            if (ack.Instance == "a" && Interlocked.Increment(ref _ofA) >= AcksOfABeforeKill)
            {
                AReached.TrySetResult();
            }

            if (ack.Instance == "b" && ack.AfterKill && Interlocked.Increment(ref _ofBAfterKill) >= AcksOfBAfterKill)
            {
                BAfterKillReached.TrySetResult();
            }
        }
    }
}
