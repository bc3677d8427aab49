using System.Security.Cryptography;
using Journal.Domain.Tape;
using Journal.EventStore.Checkpoints;
using Journal.EventStore.Tests.Support;

namespace Journal.EventStore.Tests.Operations;

public sealed class CheckpointTests : IAsyncLifetime
{
    private readonly StoreFixture _fixture = new();
    private SqliteEventStore _store = null!;
    private string _keyPath = null!;
    private string _publicKeyPath = null!;

    public async Task InitializeAsync()
    {
        _store = _fixture.Open();
        await _store.AppendAsync(StreamId.Parse("s-1"), ExpectedVersion.Any, Events.Many(6), EventMetadata.Empty, default);
        _keyPath = Path.Combine(_fixture.DirectoryPath, "keys", "checkpoint.pem");
        _publicKeyPath = Path.Combine(_fixture.DirectoryPath, "keys", "checkpoint.pub.pem");
        CheckpointKeys.Generate(_keyPath, _publicKeyPath);
    }

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    [Fact]
    public async Task VerifyAsync_accepts_a_tape_that_extends_the_checkpoint()
    {
        var checkpoint = await SignHeadAsync();
        await _store.AppendAsync(StreamId.Parse("s-2"), ExpectedVersion.Any, Events.Many(3), EventMetadata.Empty, default);

        var check = await VerifyAsync(checkpoint);

        Assert.True(check.Extends, check.Message);
        Assert.True(check.KeyTrusted);
        Assert.Equal(6, check.CheckpointSeq);
        Assert.Equal(9, check.TapeHeadSeq);
    }

    [Fact]
    public async Task VerifyAsync_fails_with_truncated_on_a_shorter_copy_of_the_tape()
    {
        var checkpoint = await SignHeadAsync();
        await _fixture.CloseAsync(_store);
        // A shorter copy: the same events but the last two, which is still a valid chain on its own.
        _fixture.Execute("DROP TRIGGER journal_events_no_delete; DELETE FROM journal_events WHERE seq > 4;");

        var check = await VerifyAsync(checkpoint);

        Assert.False(check.Extends);
        Assert.Equal(CheckpointCodes.Truncated, check.Code);
        Assert.True(check.Chain!.IsIntact);
        Assert.Equal(4, check.TapeHeadSeq);
    }

    [Fact]
    public async Task VerifyAsync_fails_with_rewritten_when_the_past_was_rebuilt_with_other_events()
    {
        var checkpoint = await SignHeadAsync();
        // Another tape of the same journal id and a longer length: a consistent chain, but another history.
        var other = new StoreFixture();
        await using (other)
        {
            var rewritten = other.Open();
            await rewritten.AppendAsync(StreamId.Parse("s-1"), ExpectedVersion.Any, Events.Many(8, "forged"), EventMetadata.Empty, default);
            await other.CloseAsync(rewritten);
            other.Execute($"DROP TRIGGER journal_info_no_update; UPDATE journal_info SET value = '{_store.File.JournalId}' WHERE key = 'journal_id';");
            using var key = LoadPublic();
            using var tape = Inspection.TapeInspector.Open(other.DatabasePath);
            var check = await CheckpointVerifier.VerifyAsync(checkpoint, key, tape.JournalId, tape.Verifier, default);

            Assert.Equal(_store.File.JournalId, tape.JournalId);
            Assert.False(check.Extends);
            Assert.Equal(CheckpointCodes.Rewritten, check.Code);
            Assert.True(check.Chain!.IsIntact);
        }
    }

    [Fact]
    public async Task VerifyAsync_fails_with_bad_signature_when_the_checkpoint_was_altered_or_signed_by_another_key()
    {
        var checkpoint = await SignHeadAsync();
        var altered = checkpoint with { Seq = 3, HeadHash = Convert.ToHexStringLower(_store.Verifier.ReadHashAt(3)!) };
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var foreign = CheckpointSigner.Sign(_store.File.JournalId, await _store.ReadHeadAsync(default), _fixture.Clock.GetUtcNow(), stranger);

        var alteredCheck = await VerifyAsync(altered);
        var foreignCheck = await VerifyAsync(foreign);

        Assert.Equal(CheckpointCodes.BadSignature, alteredCheck.Code);
        Assert.Equal(CheckpointCodes.BadSignature, foreignCheck.Code);
        Assert.False(foreignCheck.Extends);
    }

    [Fact]
    public async Task CheckpointFile_round_trips_and_the_signed_bytes_follow_the_documented_layout()
    {
        var checkpoint = await SignHeadAsync();
        var path = Path.Combine(_fixture.DirectoryPath, "checkpoints", "head.json");

        await CheckpointFile.WriteAsync(path, checkpoint, default);
        var read = await CheckpointFile.ReadAsync(path, default);
        var bytes = read.SignedBytes();

        Assert.Equal(checkpoint, read);
        Assert.Equal(4 + 21 + 4 + 16 + 4 + 8 + 4 + 32 + 4 + 8, bytes.Length);
        Assert.Equal("journal.checkpoint.v1", System.Text.Encoding.ASCII.GetString(bytes, 4, 21));
        Assert.Equal(_store.File.JournalId.ToByteArray(bigEndian: true), bytes[29..45]);
        Assert.Equal(6L, System.Buffers.Binary.BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(49, 8)));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_keyPath));
        }
    }

    private async Task<SignedCheckpoint> SignHeadAsync()
    {
        using var key = CheckpointKeys.Load(_keyPath);
        return CheckpointSigner.Sign(_store.File.JournalId, await _store.ReadHeadAsync(default), _fixture.Clock.GetUtcNow(), key);
    }

    private ECDsa LoadPublic() => CheckpointKeys.Load(_publicKeyPath);

    private async Task<CheckpointCheck> VerifyAsync(SignedCheckpoint checkpoint)
    {
        using var key = LoadPublic();
        using var tape = Inspection.TapeInspector.Open(_fixture.DatabasePath);
        return await CheckpointVerifier.VerifyAsync(checkpoint, key, tape.JournalId, tape.Verifier, default);
    }
}
