using Journal.Domain.Sessions.UseCases;
using Journal.Domain.Transcript;
using Journal.Domain.Transcript.UseCases;
using Journal.EventStore;
using Journal.Projections.Runtime;
using Journal.Projections.Sessions;
using Journal.Projections.Transcript;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Journal.Application;

namespace Journal.Projections.Tests.Runtime;

/// <summary>
/// Read-model rows and the checkpoints that cover them commit in one transaction: a crash after a batch's
/// writes and before its commit leaves neither, so the journal reopened on the same files applies that
/// batch exactly once.
/// </summary>
public sealed class CrashRestartTests : IDisposable
{
    private const int Entries = 30;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "journal-crash-restart", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task Daemon_applies_every_event_once_when_reopened_on_the_same_files_after_a_crash_before_a_batch_commit()
    {
        var session = Guid.NewGuid();
        long head;
        long checkpointAfterCrash;
        var crash = new CrashBeforeCommit(atSeq: 20);
        await using (var first = Open(crash))
        {
            var mediator = first.GetRequiredService<IMediator>();
            await mediator.Send(new CreateSessionRequest(session, "alice", "laptop", "cli", null, null));
            for (var i = 1; i <= Entries; i++)
            {
                await mediator.Send(new AppendTranscriptEntryRequest(session, Guid.NewGuid(), TranscriptEntryKind.UserMessage, $"line {i}", null, null));
            }

            head = (await first.GetRequiredService<SqliteEventStore>().ReadHeadAsync(default)).Seq;
            await Assert.ThrowsAsync<IOException>(() => first.GetRequiredService<ProjectionDaemon>().CatchUpAsync(default));
            checkpointAfterCrash = (await first.GetRequiredService<ProjectionDaemon>().StatusAsync(default)).Single(s => s.Name == TranscriptProjection.ProjectionName).Position;
        }

        await using var reopened = Open(faults: null);
        var daemon = reopened.GetRequiredService<ProjectionDaemon>();
        await daemon.CatchUpAsync(default);
        var mediatorAfter = reopened.GetRequiredService<IMediator>();
        var transcript = await mediatorAfter.Send(new ListTranscriptQuery(session, Limit: 100));
        var view = await mediatorAfter.Send(new GetSessionByIdQuery(session));
        var statuses = await daemon.StatusAsync(default);

        Assert.True(crash.Crashed, "the fault never fired");
        Assert.Equal(Entries + 1, head);
        Assert.Equal(10, checkpointAfterCrash);
        Assert.Equal(Entries, view.TranscriptEntryCount);
        Assert.Equal(Enumerable.Range(1, Entries).Select(i => (long)i), transcript.Items.Select(e => e.Sequence));
        Assert.Equal(Enumerable.Range(1, Entries).Select(i => $"line {i}"), transcript.Items.Select(e => e.Text));
        Assert.Empty(daemon.DeadLetters());
        Assert.All(statuses, s => Assert.Equal((s.Name, head, "running"), (s.Name, s.Position, s.State)));
    }

    /// <summary>The whole journal over this test's directory, as a host opens it at start; nothing is started.</summary>
    private ServiceProvider Open(IProjectionFaults? faults)
    {
        var services = new ServiceCollection();
        services.AddJournal(
            new JournalStoreOptions { DatabasePath = Path.Combine(_directory, "journal.db") },
            new ProjectionOptions
            {
                DatabasePath = Path.Combine(_directory, "projections.db"),
                BatchSize = 10,
                MaxWait = TimeSpan.FromSeconds(10),
                ApprovalExpirySweep = Timeout.InfiniteTimeSpan,
            });
        if (faults is not null)
        {
            services.AddSingleton(faults);
        }

        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
