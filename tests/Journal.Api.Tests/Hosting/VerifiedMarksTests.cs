using Journal.Api.Endpoints.Admin;
using Journal.Domain.Tape;
using Journal.EventStore;
using Journal.EventStore.Serialization;
using Journal.EventStore.Verification;
using Journal.EventStore.Verification.Start;

namespace Journal.Api.Tests.Hosting;

/// <summary>The verified mark moves forward only: a verification that ends before it, finishing late, leaves it.</summary>
public sealed class VerifiedMarksTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "journal-marks-tests", Guid.NewGuid().ToString("N"));
    private SqliteEventStore _store = null!;

    private string Tape => Path.Combine(_directory, "journal.db");

    private string MarkPath => Path.Combine(_directory, "journal.verified.json");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _store = SqliteEventStore.Open(new JournalStoreOptions { DatabasePath = Tape }, new EventTypeRegistry([]), TimeProvider.System);
        await _store.AppendAsync(StreamId.Parse("s-1"), ExpectedVersion.Any, [new EventData(Guid.NewGuid(), "test.said.v1", new { text = "one" })], EventMetadata.Empty, default);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void A_verification_that_ends_before_the_mark_leaves_it_and_one_beyond_it_moves_it()
    {
        var marks = new VerifiedMarks(_store, MarkPath, Tape);
        var at = DateTimeOffset.UnixEpoch.AddDays(1);

        marks.Remember(Report(to: 7), full: true, at);
        marks.Remember(Report(to: 3), full: false, at.AddMinutes(1));
        var kept = marks.Read();
        marks.Remember(Report(to: 9), full: false, at.AddMinutes(2));
        var moved = marks.Read();

        Assert.Equal((7L, at), (kept!.Seq, kept.At));
        Assert.Equal((9L, at.AddMinutes(2), 7L), (moved!.Seq, moved.At, moved.FullSeq));
    }

    [Fact]
    public void A_mark_of_another_journal_is_replaced_even_when_further()
    {
        VerifiedMarkFile.Write(MarkPath, new VerifiedMark(Guid.NewGuid(), TapeFileIdentity.Of(Tape), 50, new string('b', 64), DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 50));
        var marks = new VerifiedMarks(_store, MarkPath, Tape);

        marks.Remember(Report(to: 3), full: true, DateTimeOffset.UnixEpoch.AddDays(1));

        Assert.Equal((_store.File.JournalId, 3L), (marks.Read()!.JournalId, marks.Read()!.Seq));
    }

    private static VerificationReport Report(long to) =>
        new(VerificationStatus.Intact, 1, to, to, 0, to, new string('a', 64), null, 1);
}
