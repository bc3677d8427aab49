using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Journal.Api.Cli;
using Journal.Testing.Processes;

namespace Journal.Api.Tests.Hosting;

/// <summary>
/// A running service holds its data directory: the verbs that write the tape or the read models behind
/// its back (restore, replay) and a second service refuse it, the read-only verbs keep working, and a
/// killed service leaves nothing that blocks the next one.
/// </summary>
public sealed class DataDirectoryLockTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "journal-lock-tests", Guid.NewGuid().ToString("N"));

    public DataDirectoryLockTests() => Directory.CreateDirectory(_directory);

    private string Data => Path.Combine(_directory, "data");

    private string Tape => Path.Combine(Data, "journal.db");

    private string Backup => Path.Combine(_directory, "backups", "journal.db");

    [Fact]
    public async Task Restore_and_replay_exit_2_naming_the_data_directory_while_a_service_process_holds_it_and_run_once_it_is_killed()
    {
        Guid later;
        await using (var service = ServiceProcess.Start(_directory, Data, ServiceProcess.FreePort()))
        {
            using var client = await service.WaitUntilLiveAsync();
            await CreateSessionAsync(client);
            Assert.Equal(ExitCodes.Ok, (await CliAsync("backup", "--db", Tape, "--to", Backup)).Code);
            later = await CreateSessionAsync(client);
            var readModels = ReadModelFiles();

            var restore = await CliAsync("restore", "--db", Tape, "--from", Backup);
            var replay = await CliAsync("replay", "--db", Tape);

            foreach (var refused in new[] { restore, replay })
            {
                Assert.Equal(ExitCodes.BadInput, refused.Code);
                Assert.Contains(Data, refused.Error, StringComparison.Ordinal);
                Assert.Single(Lines(refused.Error));
            }

            Assert.Equal(2, (await client.GetFromJsonAsync<JsonElement>("/v1/journal/head")).GetProperty("seq").GetInt64());
            using (var served = await client.GetAsync($"/v1/sessions/{later}?minPosition=2"))
            {
                Assert.Equal(HttpStatusCode.OK, served.StatusCode);
            }

            Assert.Equal(readModels, ReadModelFiles());
            Assert.Equal("healthy", (await client.GetFromJsonAsync<JsonElement>("/v1/journal/health")).GetProperty("status").GetString());
        }

        var lockFile = Path.Combine(Data, "journal.lock");
        Assert.True(File.Exists(lockFile));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(lockFile));
        var restored = await CliAsync("restore", "--db", Tape, "--from", Backup);
        var replayed = await CliAsync("replay", "--db", Tape);
        Assert.True(restored.Code == ExitCodes.Ok, restored.Error);
        Assert.Contains("restored 1 events", restored.Output, StringComparison.Ordinal);
        Assert.True(replayed.Code == ExitCodes.Ok, replayed.Error);
    }

    [Fact]
    public async Task Read_only_verbs_work_while_a_service_process_holds_the_data_directory()
    {
        await using var service = ServiceProcess.Start(_directory, Data, ServiceProcess.FreePort());
        using var client = await service.WaitUntilLiveAsync();
        await CreateSessionAsync(client);

        foreach (var verb in new[] { "verify", "stats", "export", "projections", "health" })
        {
            var result = await CliAsync(verb, "--db", Tape);
            Assert.True(result.Code == ExitCodes.Ok, $"{verb}: {result.Error}{result.Output}");
        }

        var backup = await CliAsync("backup", "--db", Tape, "--to", Backup);
        Assert.True(backup.Code == ExitCodes.Ok, backup.Error);
    }

    [Fact]
    public async Task Second_service_on_the_same_data_directory_exits_2_naming_it_and_the_first_keeps_serving()
    {
        await using var first = ServiceProcess.Start(_directory, Data, ServiceProcess.FreePort());
        using var client = await first.WaitUntilLiveAsync();
        await CreateSessionAsync(client);

        await using var second = ServiceProcess.Start(_directory, Data, ServiceProcess.FreePort());
        var code = await second.WaitForExitAsync();

        Assert.True(code == 2, $"exit {code}: {second.Output}");
        Assert.Contains(Data, second.Output, StringComparison.Ordinal);
        Assert.Single(Lines(second.Output));
        Assert.Equal(1, (await client.GetFromJsonAsync<JsonElement>("/v1/journal/head")).GetProperty("seq").GetInt64());
    }

    [Fact]
    public async Task Service_holds_the_directory_of_the_tape_it_uses_when_the_database_path_points_outside_the_data_directory()
    {
        var elsewhere = Path.Combine(_directory, "elsewhere");
        await using var host = Http.Support.ApiHost.Start(settings: new Dictionary<string, string>
        {
            ["Journal:DataDirectory"] = Data,
            ["Journal:DatabasePath"] = Path.Combine(elsewhere, "journal.db"),
        });
        await host.CreateSessionAsync();

        var replay = await CliAsync("replay", "--db", Path.Combine(elsewhere, "journal.db"));

        Assert.Equal(ExitCodes.BadInput, replay.Code);
        Assert.Contains($"'{elsewhere}'", replay.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_refuses_read_models_in_a_held_directory_even_when_its_tape_is_elsewhere()
    {
        await using var host = Http.Support.ApiHost.Start(settings: new Dictionary<string, string> { ["Journal:DataDirectory"] = Data });
        await host.CreateSessionAsync();
        var copy = Path.Combine(_directory, "copy", "journal.db");
        Assert.Equal(ExitCodes.Ok, (await CliAsync("backup", "--db", Tape, "--to", copy)).Code);

        var replay = await CliAsync("replay", "--db", copy, "--projections-db", Path.Combine(Data, "projections.db"));
        var elsewhere = await CliAsync("replay", "--db", copy);

        Assert.Equal(ExitCodes.BadInput, replay.Code);
        Assert.Contains($"'{Data}'", replay.Error, StringComparison.Ordinal);
        Assert.True(elsewhere.Code == ExitCodes.Ok, elsewhere.Error);
    }

    [Fact]
    public async Task In_memory_service_holds_the_directory_of_its_snapshot()
    {
        var snapshot = Path.Combine(_directory, "snapshots", "journal.snapshot.db");
        await using var host = Http.Support.ApiHost.Start(settings: new Dictionary<string, string>
        {
            ["Journal:DataDirectory"] = Data,
            ["Journal:Persist"] = "0",
            ["Journal:SnapshotPath"] = snapshot,
        });
        await host.CreateSessionAsync();

        var restore = await CliAsync("restore", "--db", snapshot, "--from", Backup);

        Assert.Equal(ExitCodes.BadInput, restore.Code);
        Assert.Contains($"'{Path.GetDirectoryName(snapshot)}'", restore.Error, StringComparison.Ordinal);
        Assert.Contains("restore refused", restore.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Released_completes_when_the_lock_is_let_go_and_the_directory_can_be_taken_again()
    {
        var held = Journal.EventStore.Storage.DataDirectoryLock.Acquire(Tape);
        Assert.False(held.Released.IsCompleted);
        var refused = Assert.Throws<Journal.EventStore.Storage.StorageException>(() => Journal.EventStore.Storage.DataDirectoryLock.Acquire(Tape));
        Assert.Equal(Journal.EventStore.Storage.StorageException.Locked, refused.Code);

        held.Dispose();

        await held.Released.WaitAsync(TimeSpan.FromSeconds(5));
        using var again = Journal.EventStore.Storage.DataDirectoryLock.Acquire(Tape);
        Assert.False(again.Released.IsCompleted);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    /// <summary>The read-model generations and the pointer to the current one (written by a rebuild).</summary>
    private string ReadModelFiles()
    {
        var pointer = Path.Combine(Data, "projections.db.current");
        var generations = Directory.GetFiles(Data, "projections*.db").Select(Path.GetFileName).Order(StringComparer.Ordinal);
        return string.Join(",", generations) + "; current " + (File.Exists(pointer) ? File.ReadAllText(pointer) : "(none)");
    }

    internal static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static async Task<Guid> CreateSessionAsync(HttpClient client)
    {
        using var response = await client.PostAsJsonAsync("/v1/sessions", new { principal = "ada", device = "laptop", channel = "cli" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return Guid.Parse(body.GetProperty("stream").GetString()!["session-".Length..]);
    }

    private static async Task<(int Code, string Output, string Error)> CliAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await JournalCli.RunAsync(args, output, error, default);
        return (code, output.ToString(), error.ToString());
    }
}
