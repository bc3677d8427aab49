using System.Security.Cryptography;
using System.Text.Json;
using Journal.Api.Cli;
using Journal.Domain.Tape;
using Journal.EventStore;
using Journal.EventStore.Checkpoints;
using Journal.EventStore.Serialization;

namespace Journal.Api.Tests.Cli;

/// <summary><c>verify --checkpoint</c>: who signed it, and what was erased since.</summary>
public sealed class CheckpointVerifyCliTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "journal-cli-tests", Guid.NewGuid().ToString("N"));

    private string DatabasePath => Path.Combine(_directory, "data", "journal.db");

    private string KeyPath => Path.Combine(_directory, "keys", "checkpoint.pem");

    private string CheckpointPath => Path.Combine(_directory, "checkpoints", "head.json");

    public async Task InitializeAsync()
    {
        await AppendAsync(4);
        Assert.Equal(ExitCodes.Ok, (await Run("checkpoint", "--new-key", "--key", KeyPath)).Code);
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Verify_checkpoint_exits_with_unverified_signer_when_no_trusted_key_is_given()
    {
        await Run("checkpoint", "--sign", "--key", KeyPath, "--db", DatabasePath, "--out", CheckpointPath);

        var (code, output, _) = await Run("verify", "--db", DatabasePath, "--checkpoint", CheckpointPath);

        Assert.Equal(ExitCodes.UnverifiedSigner, code);
        Assert.StartsWith("extends: the tape (head 4) extends the checkpoint at seq 4", output, StringComparison.Ordinal);
        Assert.Contains("signer unverified:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_checkpoint_exits_with_unverified_signer_when_an_unknown_key_signed_it_and_none_is_trusted()
    {
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        SignedCheckpoint checkpoint;
        using (var tape = EventStore.Inspection.TapeInspector.Open(DatabasePath))
        {
            checkpoint = await CheckpointSigner.SignHeadAsync(tape.JournalId!.Value, tape.Verifier, DateTimeOffset.UtcNow, stranger, default);
        }

        await CheckpointFile.WriteAsync(CheckpointPath, checkpoint, default);

        var (code, output, _) = await Run("verify", "--db", DatabasePath, "--checkpoint", CheckpointPath);
        var (trustedCode, trusted, _) = await Run("verify", "--db", DatabasePath, "--checkpoint", CheckpointPath, "--public-key", KeyPath + ".pub");

        Assert.Equal(ExitCodes.UnverifiedSigner, code);
        Assert.Contains("signer unverified:", output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Mismatch, trustedCode);
        Assert.StartsWith("FAILED checkpoint.bad_signature", trusted, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_checkpoint_exits_with_erased_since_checkpoint_and_lists_each_erasure_with_its_record()
    {
        await Run("checkpoint", "--sign", "--key", KeyPath, "--db", DatabasePath, "--out", CheckpointPath);
        await using (var store = Open())
        {
            await store.ErasePayloadsAsync([2], "forget ada", new EventMetadata(Actor: "ops"), default);
        }

        var (code, output, _) = await Run("verify", "--db", DatabasePath, "--checkpoint", CheckpointPath, "--public-key", KeyPath + ".pub");
        var (jsonCode, json, _) = await Run("verify", "--db", DatabasePath, "--checkpoint", CheckpointPath, "--public-key", KeyPath + ".pub", "--json");

        Assert.Equal(ExitCodes.ErasedSinceCheckpoint, code);
        Assert.StartsWith("extends: the tape (head 5) extends the checkpoint at seq 4", output, StringComparison.Ordinal);
        Assert.Contains("1 payload erased since the checkpoint:", output, StringComparison.Ordinal);
        Assert.Contains("seq 2 erased by the record at seq 5 (reason: forget ada)", output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.ErasedSinceCheckpoint, jsonCode);
        using var document = JsonDocument.Parse(json);
        var erased = Assert.Single(document.RootElement.GetProperty("erasedSince").EnumerateArray());
        Assert.Equal(2, erased.GetProperty("seq").GetInt64());
        Assert.Equal(5, erased.GetProperty("recordSeq").GetInt64());
        Assert.Equal("forget ada", erased.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Verify_checkpoint_accepts_a_v1_checkpoint_and_says_it_cannot_commit_to_erasures()
    {
        SignedCheckpoint checkpoint;
        using (var tape = EventStore.Inspection.TapeInspector.Open(DatabasePath))
        using (var key = CheckpointKeys.Load(KeyPath))
        {
            var head = await tape.ReadHeadAsync(default);
            var createdAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var bytes = SignedCheckpoint.SignedBytes(tape.JournalId!.Value, head.Seq, head.Hash.Span, createdAt);
            checkpoint = new SignedCheckpoint(
                SignedCheckpoint.FormatV1,
                tape.JournalId.Value,
                head.Seq,
                Convert.ToHexStringLower(head.Hash.Span),
                createdAt,
                Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()),
                Convert.ToBase64String(key.SignData(bytes, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation)));
        }

        await CheckpointFile.WriteAsync(CheckpointPath, checkpoint, default);

        var (code, output, _) = await Run("verify", "--db", DatabasePath, "--checkpoint", CheckpointPath, "--public-key", KeyPath + ".pub");

        Assert.Equal(ExitCodes.Ok, code);
        Assert.StartsWith("extends: the tape (head 4) extends the checkpoint at seq 4", output, StringComparison.Ordinal);
        Assert.Contains("journal.checkpoint.v1 does not commit to the payloads erased at its seq", output, StringComparison.Ordinal);
    }

    private SqliteEventStore Open() => SqliteEventStore.Open(new JournalStoreOptions { DatabasePath = DatabasePath }, new EventTypeRegistry([]), TimeProvider.System);

    private async Task AppendAsync(int count)
    {
        await using var store = Open();
        for (var i = 0; i < count; i++)
        {
            await store.AppendAsync(StreamId.Parse($"s-{i}"), ExpectedVersion.NoStream, [new EventData(Guid.NewGuid(), "test.said.v1", new { text = $"hello {i}" })], new EventMetadata(Actor: "cli-test"), default);
        }
    }

    private static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await JournalCli.RunAsync(args, output, error, default);
        return (code, output.ToString(), error.ToString());
    }
}
