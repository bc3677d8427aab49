using System.Security.Cryptography;
using Journal.Domain.Tape;
using Journal.EventStore.Checkpoints;
using Journal.EventStore.Merkle;
using Journal.EventStore.Tests.Support;

namespace Journal.EventStore.Tests.Operations;

/// <summary>The Merkle side of a v3 checkpoint: the signed root, its note, and the consistency proof to the head.</summary>
public sealed class CheckpointTreeTests : IAsyncLifetime
{
    private readonly StoreFixture _fixture = new();
    private SqliteEventStore _store = null!;
    private ECDsa _key = null!;

    public async Task InitializeAsync()
    {
        _store = _fixture.Open();
        await _store.AppendAsync(StreamId.Parse("s-1"), ExpectedVersion.Any, Events.Many(11), EventMetadata.Empty, default);
        _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    }

    public async Task DisposeAsync()
    {
        _key.Dispose();
        await _fixture.DisposeAsync();
    }

    [Fact]
    public async Task A_v3_checkpoint_signs_the_root_of_the_tree_of_its_events_and_the_head_extends_it_by_a_consistency_proof()
    {
        var checkpoint = await SignAsync();
        await _store.AppendAsync(StreamId.Parse("s-2"), ExpectedVersion.Any, Events.Many(6), EventMetadata.Empty, default);

        var check = await VerifyAsync(checkpoint);

        Assert.True(check.Extends, check.Message);
        Assert.Equal(11, checkpoint.TreeSize);
        Assert.Equal(Convert.ToBase64String(ReferenceRoot(11)), checkpoint.TreeRoot);
        var proof = Assert.IsType<ConsistencyProof>(check.TreeConsistency);
        Assert.Equal((11L, 17L), (proof.FromSize, proof.ToSize));
        Assert.Equal(ReferenceRoot(17), proof.ToRoot);
        Assert.True(MerkleVerifier.VerifyConsistency(11, 17, proof.Path, ReferenceRoot(11), ReferenceRoot(17)));
    }

    [Fact]
    public async Task A_root_that_is_not_the_tapes_is_refused_even_when_signed_with_the_trusted_key()
    {
        var honest = await SignAsync();
        var forgedRoot = ReferenceRoot(11);
        forgedRoot[0] ^= 1;
        var state = await _store.Verifier.ReadCheckpointStateAsync(default);
        var forged = CheckpointSigner.Sign(_store.File.JournalId, state, forgedRoot, _fixture.Clock.GetUtcNow(), _key);

        var check = await VerifyAsync(forged);

        Assert.True((await VerifyAsync(honest)).Extends);
        Assert.False(check.Extends);
        Assert.Equal(CheckpointCodes.TreeDiffers, check.Code);
        Assert.Null(check.TreeConsistency);
    }

    [Fact]
    public void A_tree_over_other_rows_fails_the_consistency_proof_from_a_checkpoints_root()
    {
        var root = CheckpointTree.RootAt(_store.Verifier, 8);
        var rewritten = (byte[])root.Clone();
        rewritten[31] ^= 0x80;

        Assert.NotNull(CheckpointTree.ProveExtends(_store.Verifier, 8, root, 11));
        Assert.Null(CheckpointTree.ProveExtends(_store.Verifier, 8, rewritten, 11));
        Assert.Null(CheckpointTree.ProveExtends(_store.Verifier, 0, root, 11));
        Assert.NotNull(CheckpointTree.ProveExtends(_store.Verifier, 0, MerkleHash.EmptyRoot(), 11));
        Assert.NotNull(CheckpointTree.ProveExtends(_store.Verifier, 11, CheckpointTree.RootAt(_store.Verifier, 11), 11));
    }

    [Fact]
    public async Task The_checkpoint_note_is_a_c2sp_checkpoint_of_the_same_tree_head_that_only_the_key_opens()
    {
        var checkpoint = await SignAsync();
        var origin = CheckpointSigner.Origin(_store.File.JournalId);
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var head = CheckpointNote.Open(checkpoint.Note!, origin, _key);
        var lines = checkpoint.Note!.Split('\n');

        Assert.Equal([origin, "11", checkpoint.TreeRoot!, "", $"\u2014 {origin} "], lines[..4].Append(lines[4][..(origin.Length + 3)]));
        Assert.Equal((origin, 11L), (head.Origin, head.Size));
        Assert.Equal(ReferenceRoot(11), head.Root);
        Assert.Equal(SHA256.HashData(_key.ExportSubjectPublicKeyInfo())[..4], Convert.FromBase64String(lines[4].Split(' ')[2])[..4]);
        Assert.Throws<FormatException>(() => CheckpointNote.Open(checkpoint.Note!, origin, stranger));
        Assert.Throws<FormatException>(() => CheckpointNote.Open(checkpoint.Note!.Replace("\n11\n", "\n12\n", StringComparison.Ordinal), origin, _key));
        Assert.Throws<FormatException>(() => CheckpointNote.Open(checkpoint.Note!, "journal/another", _key));
    }

    [Fact]
    public void A_note_with_a_stranger_line_first_still_opens_with_the_key_and_malformed_texts_are_refused()
    {
        var root = ReferenceRoot(11);
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var mine = CheckpointNote.Sign("journal/x", 11, root, _key);
        var theirs = CheckpointNote.Sign("journal/x", 11, root, stranger);
        var both = theirs + mine[(mine.LastIndexOf("\n\n", StringComparison.Ordinal) + 2)..];

        Assert.Equal(11, CheckpointNote.Open(both, "journal/x", _key).Size);
        Assert.Throws<FormatException>(() => CheckpointNote.ReadText("journal/x\n011\n" + Convert.ToBase64String(root) + "\n"));
        Assert.Throws<FormatException>(() => CheckpointNote.ReadText("journal/x\n11\nAAAA\n"));
        Assert.Throws<FormatException>(() => CheckpointNote.ReadText("journal/x\n11\n"));
        Assert.Throws<ArgumentException>(() => CheckpointNote.Text("journal x", 11, root));
        Assert.Throws<ArgumentException>(() => CheckpointNote.Text("journal+x", 11, root));
    }

    private async Task<SignedCheckpoint> SignAsync() =>
        await CheckpointSigner.SignHeadAsync(_store.File.JournalId, _store.Verifier, _fixture.Clock.GetUtcNow(), _key, default);

    private async Task<CheckpointCheck> VerifyAsync(SignedCheckpoint checkpoint)
    {
        using var tape = Inspection.TapeInspector.Open(_fixture.DatabasePath);
        return await CheckpointVerifier.VerifyAsync(checkpoint, _key, tape.JournalId, tape.Verifier, default);
    }

    /// <summary>RFC 9162's MTH, recursively, over the rows' hashes: the reference the scan must agree with.</summary>
    private byte[] ReferenceRoot(long size)
    {
        var leaves = _store.Verifier.ReadHashes(1, size).Select(hash => MerkleHash.Leaf(hash)).ToArray();
        return Mth(leaves);

        static byte[] Mth(ReadOnlySpan<byte[]> d)
        {
            if (d.Length == 1)
            {
                return d[0];
            }

            var k = 1;
            while (k * 2 < d.Length)
            {
                k *= 2;
            }

            return MerkleHash.Node(Mth(d[..k]), Mth(d[k..]));
        }
    }
}
