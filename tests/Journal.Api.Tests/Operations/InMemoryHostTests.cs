using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Journal.Api.Tests.Http.Support;

namespace Journal.Api.Tests.Operations;

public sealed class InMemoryHostTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "journal-memory-tests", Guid.NewGuid().ToString("N"));

    private string DataDirectory => Path.Combine(_directory, "data");

    [Fact]
    public async Task Service_with_persist_0_keeps_nothing_but_its_snapshot_on_disk_and_reloads_it_at_start()
    {
        Guid session;
        long head;
        await using (var first = Start())
        {
            session = await first.CreateSessionAsync();
            head = await first.HeadAsync();
            using var reader = first.Reader();
            var health = await reader.GetFromJsonAsync<JsonElement>("/v1/journal/health");
            Assert.Equal("memory", health.GetProperty("mode").GetString());
            Assert.Equal(0, health.GetProperty("fileBytes").GetInt64());
        }

        var snapshot = Path.Combine(DataDirectory, "journal.snapshot.db");
        Assert.True(File.Exists(snapshot), "a snapshot is written at shutdown");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(snapshot));
        Assert.False(File.Exists(Path.Combine(DataDirectory, "journal.db")));
        Assert.Empty(Directory.EnumerateFiles(DataDirectory, "projections*"));

        await using var second = Start();
        using var client = second.Reader();
        using var response = await client.GetAsync($"/v1/sessions/{session}?minPosition={head}");
        var health2 = await client.GetFromJsonAsync<JsonElement>("/v1/journal/health");

        Assert.Equal(head, await second.HeadAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("healthy", health2.GetProperty("status").GetString());
        Assert.True(health2.GetProperty("snapshotBytes").GetInt64() > 0);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private ApiHost Start() => ApiHost.Start(settings: new Dictionary<string, string>
    {
        ["Journal:DataDirectory"] = DataDirectory,
        ["Journal:Persist"] = "0",
    });
}
