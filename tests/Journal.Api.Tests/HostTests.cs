using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Journal.Api.Tests;

public sealed class HostTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "journal-host-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Service_answers_health_live_and_creates_its_tape_owner_only()
    {
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.UseSetting("Journal:DataDirectory", Path.Combine(_directory, "data")));
        using var client = factory.CreateClient();

        var response = await client.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var database = Path.Combine(_directory, "data", "journal.db");
        Assert.True(File.Exists(database));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.Combine(_directory, "data")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(database));
    }

    [Theory]
    [InlineData("--Journal:MaxPayloadBytes=lots", "Journal:MaxPayloadBytes")]
    [InlineData("--Journal:BusyTimeoutMs=-1", "Journal:BusyTimeoutMs")]
    [InlineData("--Journal:GroupCommitWaitMs=1001", "Journal:GroupCommitWaitMs")]
    [InlineData("--Journal:DatabasePath=../escape.db", "Journal:DatabasePath")]
    [InlineData("--Journal:DataDirectory=data/../..", "Journal:DataDirectory")]
    [InlineData("--Journal:Memory:Embeddings:Provider=word2vec", "Journal:Memory:Embeddings:Provider")]
    [InlineData("--Journal:Memory:Embeddings:Provider=openai", "Journal:Memory:Embeddings:BaseUrl")]
    public void Service_refuses_to_start_with_a_bad_setting_and_names_the_key(string argument, string key)
    {
        var error = Assert.Throws<Journal.Api.Hosting.ConfigurationException>(() => Journal.Api.Hosting.JournalHost.Build([argument]));

        Assert.Equal(key, error.Key);
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
