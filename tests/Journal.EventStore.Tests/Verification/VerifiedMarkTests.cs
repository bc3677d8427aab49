using Journal.Domain.Tape;
using Journal.EventStore.Ports;
using Journal.EventStore.Tests.Support;
using Journal.EventStore.Verification.Start;

namespace Journal.EventStore.Tests.Verification;

/// <summary>The verified mark's file and the bounded check of a SQLite tape's end.</summary>
public sealed class VerifiedMarkTests : IAsyncDisposable
{
    private readonly StoreFixture _fixture = new();

    public async ValueTask DisposeAsync() => await _fixture.DisposeAsync();

    [Fact]
    public void Write_keeps_the_mark_owner_only_and_Read_finds_it_again()
    {
        var path = VerifiedMarkFile.Beside(_fixture.DatabasePath);
        var mark = new VerifiedMark(Guid.NewGuid(), "dev:1:2:3", 7, new string('a', 64), DateTimeOffset.UnixEpoch.AddDays(1), DateTimeOffset.UnixEpoch, 5);

        VerifiedMarkFile.Write(path, mark);

        Assert.Equal(mark, VerifiedMarkFile.Read(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(VerifiedMarkFile.FileName, Path.GetFileName(path));
    }

    [Fact]
    public void Read_answers_no_mark_for_a_damaged_file()
    {
        var path = VerifiedMarkFile.Beside(_fixture.DatabasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "{ not json");

        Assert.Null(VerifiedMarkFile.Read(path));
    }

    [Fact]
    public async Task Identity_of_a_tape_file_stays_across_writes_and_changes_when_the_file_is_replaced()
    {
        var store = _fixture.Open();
        await store.AppendAsync(StreamId.Parse("s-1"), ExpectedVersion.Any, Events.Many(2), EventMetadata.Empty, default);
        var before = TapeFileIdentity.Of(_fixture.DatabasePath);
        await store.AppendAsync(StreamId.Parse("s-1"), ExpectedVersion.Any, Events.Many(2), EventMetadata.Empty, default);
        await _fixture.CloseAsync(store);
        var afterWrites = TapeFileIdentity.Of(_fixture.DatabasePath);
        var copy = _fixture.DatabasePath + ".copy";
        File.Copy(_fixture.DatabasePath, copy);
        File.Move(copy, _fixture.DatabasePath, overwrite: true);

        Assert.NotNull(before);
        Assert.Equal(before, afterWrites);
        Assert.NotEqual(before, TapeFileIdentity.Of(_fixture.DatabasePath));
    }

    [Fact]
    public async Task CheckTailAsync_names_an_index_the_tape_lost()
    {
        var store = _fixture.Open();
        await store.AppendAsync(StreamId.Parse("s-1"), ExpectedVersion.Any, Events.Many(3), EventMetadata.Empty, default);
        _fixture.Execute("DROP INDEX journal_events_by_type;");

        var problems = await ((ITapeVerification)store).CheckTailAsync(10, default);

        Assert.Contains(problems, p => p.Contains("journal_events_by_type", StringComparison.Ordinal));
    }
}
