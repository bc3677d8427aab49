using System.Text.Json;
using Journal.Api.Cli;
using Journal.Domain.Sessions.UseCases;
using Journal.EventStore;
using Journal.Projections;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Journal.Application;

namespace Journal.Api.Tests.Cli;

public sealed class ReplayCliTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "journal-replay-cli", Guid.NewGuid().ToString("N"));
    private string DatabasePath => Path.Combine(_directory, "journal.db");

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection().AddJournal(new JournalStoreOptions { DatabasePath = DatabasePath }).BuildServiceProvider();
        await using (services)
        {
            var mediator = services.GetRequiredService<IMediator>();
            for (var i = 0; i < 5; i++)
            {
                await mediator.Send(new CreateSessionRequest(null, "alice", "laptop", "cli", $"key-{i}"));
            }
        }
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Replay_rebuilds_every_projection_and_projections_lists_them_at_the_head()
    {
        var (code, output, _) = await Run("replay", "--db", DatabasePath, "--verify");
        var (listCode, json, _) = await Run("projections", "--db", DatabasePath, "--json");

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("rebuilt", output, StringComparison.Ordinal);
        Assert.Contains("verify: intact, 10 events checked", output, StringComparison.Ordinal);
        Assert.Contains("replay: 10/10 events", output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, listCode);
        using var document = JsonDocument.Parse(json);
        Assert.NotEqual(0, document.RootElement.GetArrayLength());
        Assert.All(document.RootElement.EnumerateArray(), p =>
        {
            Assert.Equal(10, p.GetProperty("position").GetInt64());
            Assert.Equal(0, p.GetProperty("lagEvents").GetInt64());
            Assert.Equal("running", p.GetProperty("state").GetString());
        });
    }

    [Fact]
    public async Task Replay_exits_3_when_verify_finds_the_tape_altered()
    {
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "DROP TRIGGER journal_events_only_erasure; UPDATE journal_events SET stream_version = 9 WHERE seq = 4;";
            command.ExecuteNonQuery();
        }

        var (code, output, _) = await Run("replay", "--db", DatabasePath, "--verify");

        Assert.Equal(ExitCodes.Mismatch, code);
        Assert.Contains("verify: broken at seq 4: hash_mismatch", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("replay", "--projection", "nope.v1")]
    [InlineData("replay", "--db", "missing.db")]
    [InlineData("projections", "--db", "missing.db")]
    public async Task Replay_and_projections_exit_2_on_bad_input(params string[] args)
    {
        var arguments = args.Contains("--db") ? args : [.. args, "--db", DatabasePath];

        var (code, _, error) = await Run(arguments);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    private static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await JournalCli.RunAsync(args, output, error, default);
        return (code, output.ToString(), error.ToString());
    }
}
