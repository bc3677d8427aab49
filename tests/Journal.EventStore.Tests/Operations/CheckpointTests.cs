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
        var foreign = await CheckpointSigner.SignHeadAsync(_store.File.JournalId, _store.Verifier, _fixture.Clock.GetUtcNow(), stranger, default);

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
        Assert.Equal(4 + 21 + 4 + 16 + 4 + 8 + 4 + 32 + 4 + 8 + 4 + 8 + 4 + 32 + 4 + 8 + 4 + 32, bytes.Length);
        Assert.Equal("journal.checkpoint.v3", System.Text.Encoding.ASCII.GetString(bytes, 4, 21));
        Assert.Equal(_store.File.JournalId.ToByteArray(bigEndian: true), bytes[29..45]);
        Assert.Equal(6L, System.Buffers.Binary.BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(49, 8)));
        Assert.Equal(Convert.FromHexString(checkpoint.HeadHash), bytes[61..93]);
        Assert.Equal(checkpoint.CreatedAt, System.Buffers.Binary.BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(97, 8)));
        Assert.Equal(0L, System.Buffers.Binary.BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(109, 8)));
        Assert.Equal(SHA256.HashData([]), bytes[121..153]);
        Assert.Equal(6L, System.Buffers.Binary.BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(157, 8)));
        Assert.Equal(CheckpointTree.RootAt(_store.Verifier, 6), bytes[169..201]);
        Assert.Equal(checkpoint.TreeRoot, Convert.ToBase64String(bytes[169..201]));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_keyPath));
        }
    }

    [Fact]
    public async Task Sign_commits_to_the_count_and_digest_of_the_erased_seqs_at_the_head()
    {
        await _store.ErasePayloadsAsync([4, 2], "forget", EventMetadata.Empty, default);

        var checkpoint = await SignHeadAsync();

        Assert.Equal(SignedCheckpoint.FormatV3, checkpoint.Format);
        Assert.Equal(7, checkpoint.Seq);
        Assert.Equal(2, checkpoint.ErasedCount);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Convert.FromHexString("0000000000000002" + "0000000000000004"))), checkpoint.ErasedDigest);
    }

    [Fact]
    public async Task VerifyAsync_lists_every_payload_erased_since_the_checkpoint_with_its_record_including_a_forged_one()
    {
        var checkpoint = await SignHeadAsync();
        await _store.ErasePayloadsAsync([2], "forget ada", EventMetadata.Empty, default);
        await _fixture.CloseAsync(_store);
        using (var connection = _fixture.RawConnection())
        {
            // Blanking an old payload and appending a well-chained record for it needs no key.
            Assert.Equal(8, Forger.EraseWithForgedRecord(connection, [5], "routine"));
        }

        var check = await VerifyAsync(checkpoint);

        Assert.True(check.Extends, check.Message);
        Assert.True(check.CommitsToErasures);
        Assert.Equal([new ErasedSinceCheckpoint(2, 7, "forget ada"), new ErasedSinceCheckpoint(5, 8, "routine")], check.ErasedSince);
    }

    [Fact]
    public async Task VerifyAsync_lists_nothing_for_erasures_recorded_before_the_checkpoint()
    {
        await _store.ErasePayloadsAsync([2], "forget ada", EventMetadata.Empty, default);
        var checkpoint = await SignHeadAsync();
        await _store.AppendAsync(StreamId.Parse("s-2"), ExpectedVersion.Any, Events.Many(2), EventMetadata.Empty, default);

        var check = await VerifyAsync(checkpoint);

        Assert.True(check.Extends, check.Message);
        Assert.Empty(check.ErasedSince);
    }

    [Fact]
    public async Task VerifyAsync_fails_with_erasures_differ_when_a_payload_listed_before_the_checkpoint_is_blanked_after_it()
    {
        await _fixture.CloseAsync(_store);
        using (var connection = _fixture.RawConnection())
        {
            // A record naming seq 3 while its payload is still there; the payload goes only after the checkpoint.
            Forger.Append(connection, "journal-erasures", "journal.payloads_erased.v1", Forger.ErasurePayload([3], "prepared"));
        }

        _store = _fixture.Open();
        var checkpoint = await SignHeadAsync();
        await _fixture.CloseAsync(_store);
        _fixture.Execute("UPDATE journal_events SET payload = NULL WHERE seq = 3");

        var check = await VerifyAsync(checkpoint);

        Assert.False(check.Extends);
        Assert.Equal(CheckpointCodes.ErasuresDiffer, check.Code);
        Assert.Contains("0 erased payloads up to seq 7, the tape now 1", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_reports_truncated_when_the_cut_off_tail_held_an_erasure_record()
    {
        await _store.ErasePayloadsAsync([2], "forget ada", EventMetadata.Empty, default);
        await _store.AppendAsync(StreamId.Parse("s-2"), ExpectedVersion.Any, Events.Many(2), EventMetadata.Empty, default);
        var checkpoint = await SignHeadAsync();
        await _fixture.CloseAsync(_store);
        _fixture.Execute("DROP TRIGGER journal_events_no_delete; DELETE FROM journal_events WHERE seq >= 7;");

        var check = await VerifyAsync(checkpoint);

        Assert.Equal(CheckpointCodes.Truncated, check.Code);
        Assert.Equal(6, check.TapeHeadSeq);
        Assert.Contains("erased seq 2 has no erasure record left", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_accepts_a_v1_checkpoint_but_says_it_does_not_commit_to_erasures()
    {
        var head = await _store.ReadHeadAsync(default);
        using var key = CheckpointKeys.Load(_keyPath);
        var createdAt = _fixture.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        var signature = key.SignData(SignedCheckpoint.SignedBytes(_store.File.JournalId, head.Seq, head.Hash.Span, createdAt), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        var v1 = new SignedCheckpoint(SignedCheckpoint.FormatV1, _store.File.JournalId, head.Seq, Convert.ToHexStringLower(head.Hash.Span), createdAt, Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()), Convert.ToBase64String(signature));
        var path = Path.Combine(_fixture.DirectoryPath, "checkpoints", "v1.json");
        await CheckpointFile.WriteAsync(path, v1, default);
        await _store.ErasePayloadsAsync([2], "forget ada", EventMetadata.Empty, default);

        var check = await VerifyAsync(await CheckpointFile.ReadAsync(path, default));

        Assert.True(check.Extends, check.Message);
        Assert.False(check.CommitsToErasures);
        Assert.Equal([new ErasedSinceCheckpoint(2, 7, "forget ada")], check.ErasedSince);
    }

    private async Task<SignedCheckpoint> SignHeadAsync()
    {
        using var key = CheckpointKeys.Load(_keyPath);
        return await CheckpointSigner.SignHeadAsync(_store.File.JournalId, _store.Verifier, _fixture.Clock.GetUtcNow(), key, default);
    }

    private ECDsa LoadPublic() => CheckpointKeys.Load(_publicKeyPath);

    private async Task<CheckpointCheck> VerifyAsync(SignedCheckpoint checkpoint)
    {
        using var key = LoadPublic();
        using var tape = Inspection.TapeInspector.Open(_fixture.DatabasePath);
        return await CheckpointVerifier.VerifyAsync(checkpoint, key, tape.JournalId, tape.Verifier, default);
    }
}
