using Journal.EventStore.Ports;
using System.Diagnostics.Metrics;
using Journal.Api.Endpoints.Admin;
using Journal.Api.Hosting;
using Journal.Api.Operations;
using Journal.Domain.Tape;
using Journal.EventStore;
using Journal.EventStore.Checkpoints;
using Journal.EventStore.Serialization;
using Microsoft.Extensions.Logging.Abstractions;

namespace Journal.Api.Tests.Operations;

public sealed class CheckpointPublisherTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "journal-publisher-tests", Guid.NewGuid().ToString("N"));
    private SqliteEventStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = SqliteEventStore.Open(new JournalStoreOptions { DatabasePath = Path.Combine(_directory, "data", "journal.db") }, new EventTypeRegistry([]), TimeProvider.System);
        await AppendAsync(2);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task PublishAsync_writes_a_signed_checkpoint_of_the_head_once_per_head()
    {
        var key = Path.Combine(_directory, "keys", "checkpoint.pem");
        CheckpointKeys.Generate(key, key + ".pub");
        var settings = new JournalSettings { CheckpointIntervalMinutes = 60, CheckpointKeyPath = key, CheckpointDirectory = Path.Combine(_directory, "checkpoints") };
        var status = new OperationsStatus();
        var publisher = new CheckpointPublisher(_store, _store, new EventStore.Merkle.ScannedTapeTree(_store.Verifier), settings, status, TimeProvider.System, NullLogger<CheckpointPublisher>.Instance);

        var first = await publisher.PublishAsync(default);
        var unchanged = await publisher.PublishAsync(default);
        await AppendAsync(1);
        var moved = await publisher.PublishAsync(default);
        var latest = await CheckpointFile.ReadAsync(Path.Combine(settings.CheckpointDirectory, "latest.json"), default);
        using var publicKey = CheckpointKeys.Load(key + ".pub");
        var check = await CheckpointVerifier.VerifyAsync(latest, publicKey, _store.File.JournalId, _store.Verifier, default);

        Assert.Null(first.Error);
        Assert.Equal(2, first.Seq);
        Assert.Same(first, unchanged);
        Assert.Equal(3, moved.Seq);
        Assert.Equal(moved, status.Checkpoint);
        Assert.Equal(2, Directory.EnumerateFiles(settings.CheckpointDirectory, "checkpoint-*.json").Count());
        Assert.Equal(3, latest.Seq);
        Assert.True(check.Extends, check.Message);
    }

    [Fact]
    public async Task PublishAsync_reports_a_missing_key_instead_of_throwing()
    {
        var settings = new JournalSettings { CheckpointIntervalMinutes = 60, CheckpointKeyPath = Path.Combine(_directory, "missing.pem"), CheckpointDirectory = Path.Combine(_directory, "checkpoints") };
        var publisher = new CheckpointPublisher(_store, _store, new EventStore.Merkle.ScannedTapeTree(_store.Verifier), settings, new OperationsStatus(), TimeProvider.System, NullLogger<CheckpointPublisher>.Instance);

        var run = await publisher.PublishAsync(default);

        Assert.NotNull(run.Error);
        Assert.Null(run.Path);
    }

    [Fact]
    public async Task LastVerification_records_each_run_on_the_operations_meter()
    {
        using var metrics = new OperationsMetrics();
        using var verification = new LastVerification(_store, TimeProvider.System, metrics);
        var results = new List<string?>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, metrics.Meter))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (instrument.Name == "journal.verification.runs")
            {
                foreach (var tag in tags)
                {
                    results.Add(tag.Value as string);
                }
            }
        });
        listener.Start();

        await verification.RunAsync(1, null, default);

        Assert.Equal(["intact"], results);
    }

    private async Task AppendAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await _store.AppendAsync(StreamId.Parse($"s-{Guid.NewGuid():N}"), ExpectedVersion.NoStream, [new EventData(Guid.NewGuid(), "test.said.v1", new { text = "hi" })], EventMetadata.Empty, default);
        }
    }
}
