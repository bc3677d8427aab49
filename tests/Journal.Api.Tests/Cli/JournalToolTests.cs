using System.Net;
using System.Text.Json;
using Journal.Api.Cli;
using Journal.Domain.Tape;
using Journal.EventStore;
using Journal.EventStore.Serialization;
using Journal.Testing.Processes;

namespace Journal.Api.Tests.Cli;

/// <summary>The admin verbs through the installed .NET tool <c>journal</c>, the way the README installs it.</summary>
public sealed class JournalToolTests(InstalledJournalTool tool) : IClassFixture<InstalledJournalTool>, IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "journal-tool-tests", "run-" + Guid.NewGuid().ToString("N"));

    private string DatabasePath => Path.Combine(_directory, "data", "journal.db");

    public async Task InitializeAsync()
    {
        await using var store = SqliteEventStore.Open(new JournalStoreOptions { DatabasePath = DatabasePath }, new EventTypeRegistry([]), TimeProvider.System);
        for (var i = 1; i <= 3; i++)
        {
            await store.AppendAsync(StreamId.Parse($"s-{i}"), ExpectedVersion.NoStream, [new EventData(Guid.NewGuid(), "test.said.v1", new { text = $"hello {i}" })], new EventMetadata(Actor: "tool-test"), default);
        }
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Journal_help_lists_the_verbs_when_installed_as_a_tool()
    {
        var (code, output, error) = await tool.RunAsync(_directory, "--help");

        Assert.True(code == ExitCodes.Ok, $"exit {code}: {output}{error}");
        foreach (var verb in new[] { "verify", "stats", "export", "replay", "projections", "backup", "restore", "checkpoint", "health" })
        {
            Assert.Contains(verb, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Journal_stats_reads_the_tape_where_the_user_stands_when_installed_as_a_tool()
    {
        var (code, output, error) = await tool.RunAsync(_directory, "stats", "--json");

        Assert.True(code == ExitCodes.Ok, $"exit {code}: {output}{error}");
        using var document = JsonDocument.Parse(output);
        Assert.Equal(DatabasePath, document.RootElement.GetProperty("databasePath").GetString());
        Assert.Equal(3, document.RootElement.GetProperty("events").GetInt64());
        Assert.Equal(3, document.RootElement.GetProperty("headSeq").GetInt64());
    }

    [Fact]
    public async Task Journal_verify_reports_an_intact_tape_when_installed_as_a_tool()
    {
        var (code, output, error) = await tool.RunAsync(_directory, "verify", "--db", DatabasePath);

        Assert.True(code == ExitCodes.Ok, $"exit {code}: {output}{error}");
        Assert.StartsWith("intact: 3 events checked", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Journal_verify_exits_2_with_one_line_when_the_tape_is_missing()
    {
        var missing = Path.Combine(_directory, "nowhere", "journal.db");

        var (code, output, error) = await tool.RunAsync(_directory, "verify", "--db", missing);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal("", output);
        Assert.Equal($"there is no journal file at '{missing}'", error.TrimEnd('\n'));
    }

    [Fact]
    public async Task Journal_serve_starts_the_service_when_installed_as_a_tool()
    {
        var data = Path.Combine(_directory, "served");
        var port = ServiceProcess.FreePort();

        await using var service = ServiceProcess.Start(tool.Command, ["serve"], _directory, data, port);
        using var client = await service.WaitUntilLiveAsync();
        using var head = await client.GetAsync("/v1/journal/head");

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.True(File.Exists(Path.Combine(data, "journal.db")), service.Output);
    }
}
