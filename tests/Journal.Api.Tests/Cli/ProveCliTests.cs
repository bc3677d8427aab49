using System.Text.Json;
using Journal.Api.Cli;
using Journal.Domain.Tape;
using Journal.EventStore;
using Journal.EventStore.Merkle;
using Journal.EventStore.Serialization;

namespace Journal.Api.Tests.Cli;

/// <summary><c>prove</c> on a tape file: inclusion, consistency and tree heads that verify, and refused input.</summary>
public sealed class ProveCliTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "journal-cli-tests", Guid.NewGuid().ToString("N"));
    private readonly List<Guid> _eventIds = [];

    private string DatabasePath => Path.Combine(_directory, "data", "journal.db");

    public async Task InitializeAsync()
    {
        await using var store = SqliteEventStore.Open(new JournalStoreOptions { DatabasePath = DatabasePath }, new EventTypeRegistry([]), TimeProvider.System);
        for (var i = 0; i < 13; i++)
        {
            var id = Guid.NewGuid();
            _eventIds.Add(id);
            await store.AppendAsync(StreamId.Parse($"s-{i % 3}"), ExpectedVersion.Any, [new EventData(id, "test.said.v1", new { text = $"hello {i}" })], new EventMetadata(Actor: "cli-test"), default);
        }
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Prove_seq_prints_an_audit_path_that_verifies_against_the_tree_head_and_by_event_id_the_same()
    {
        var (code, output, error) = await Run("prove", "--db", DatabasePath, "--seq", "6", "--tree-size", "11");
        var (byIdCode, byId, _) = await Run("prove", "--db", DatabasePath, "--event-id", _eventIds[5].ToString(), "--tree-size", "11");
        var (headCode, headOutput, _) = await Run("prove", "--db", DatabasePath, "--tree", "--tree-size", "11");

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal("", error);
        Assert.Equal(ExitCodes.Ok, byIdCode);
        Assert.Equal(output, byId);
        Assert.Equal(ExitCodes.Ok, headCode);
        var proof = JsonDocument.Parse(output).RootElement;
        var head = JsonDocument.Parse(headOutput).RootElement;
        Assert.Equal((6L, 5L, 11L), (proof.GetProperty("seq").GetInt64(), proof.GetProperty("leafIndex").GetInt64(), proof.GetProperty("treeSize").GetInt64()));
        Assert.Equal(_eventIds[5], proof.GetProperty("eventId").GetGuid());
        var leaf = Convert.FromBase64String(proof.GetProperty("leafHash").GetString()!);
        Assert.Equal(MerkleHash.Leaf(Convert.FromHexString(proof.GetProperty("eventHash").GetString()!)), leaf);
        var path = proof.GetProperty("auditPath").EnumerateArray().Select(h => Convert.FromBase64String(h.GetString()!)).ToArray();
        Assert.Equal(head.GetProperty("root").GetString(), proof.GetProperty("root").GetString());
        Assert.True(MerkleVerifier.VerifyInclusion(5, 11, leaf, path, Convert.FromBase64String(head.GetProperty("root").GetString()!)));
        Assert.False(MerkleVerifier.VerifyInclusion(4, 11, leaf, path, Convert.FromBase64String(head.GetProperty("root").GetString()!)));
    }

    [Fact]
    public async Task Prove_from_to_prints_a_consistency_proof_between_the_two_tree_heads()
    {
        var (code, output, _) = await Run("prove", "--db", DatabasePath, "--from", "5");
        var (_, old, _) = await Run("prove", "--db", DatabasePath, "--tree", "--tree-size", "5");
        var (_, now, _) = await Run("prove", "--db", DatabasePath, "--tree");

        Assert.Equal(ExitCodes.Ok, code);
        var proof = JsonDocument.Parse(output).RootElement;
        var oldRoot = JsonDocument.Parse(old).RootElement.GetProperty("root").GetString();
        var newHead = JsonDocument.Parse(now).RootElement;
        Assert.Equal((5L, 13L), (proof.GetProperty("fromSize").GetInt64(), proof.GetProperty("toSize").GetInt64()));
        Assert.Equal(13, newHead.GetProperty("size").GetInt64());
        Assert.Equal(oldRoot, proof.GetProperty("fromRoot").GetString());
        Assert.Equal(newHead.GetProperty("root").GetString(), proof.GetProperty("toRoot").GetString());
        var hashes = proof.GetProperty("proof").EnumerateArray().Select(h => Convert.FromBase64String(h.GetString()!)).ToArray();
        Assert.True(MerkleVerifier.VerifyConsistency(5, 13, hashes, Convert.FromBase64String(oldRoot!), Convert.FromBase64String(newHead.GetProperty("root").GetString()!)));
    }

    [Fact]
    public async Task The_independent_python_verifier_accepts_what_prove_prints_and_refuses_it_altered()
    {
        var (_, inclusion, _) = await Run("prove", "--db", DatabasePath, "--seq", "13");
        var (_, consistency, _) = await Run("prove", "--db", DatabasePath, "--from", "4", "--to", "12");
        var inclusionPath = Path.Combine(_directory, "inclusion.json");
        var consistencyPath = Path.Combine(_directory, "consistency.json");
        var alteredPath = Path.Combine(_directory, "altered.json");
        await File.WriteAllTextAsync(inclusionPath, inclusion);
        await File.WriteAllTextAsync(consistencyPath, consistency);
        await File.WriteAllTextAsync(alteredPath, inclusion.Replace("\"leafIndex\": 12", "\"leafIndex\": 11", StringComparison.Ordinal));

        var (inclusionCode, inclusionOutput) = await ChainScript.RunToolAsync("verify_proofs.py", "inclusion", inclusionPath);
        var (consistencyCode, consistencyOutput) = await ChainScript.RunToolAsync("verify_proofs.py", "consistency", consistencyPath);
        var (alteredCode, _) = await ChainScript.RunToolAsync("verify_proofs.py", "inclusion", alteredPath);

        Assert.Contains("\"leafIndex\": 12", inclusion, StringComparison.Ordinal);
        Assert.Equal((0, "ok"), (inclusionCode, inclusionOutput.Trim()));
        Assert.Equal((0, "ok"), (consistencyCode, consistencyOutput.Trim()));
        Assert.Equal(1, alteredCode);
    }

    [Theory]
    [InlineData("--seq", "0")]
    [InlineData("--seq", "14")]
    [InlineData("--seq", "7", "--tree-size", "6")]
    [InlineData("--seq", "2", "--tree-size", "99")]
    [InlineData("--from", "0")]
    [InlineData("--from", "9", "--to", "8")]
    [InlineData("--from", "2", "--to", "14")]
    [InlineData("--seq", "2", "--from", "1")]
    [InlineData("--from", "2", "--tree-size", "3")]
    [InlineData("--seq", "x")]
    [InlineData("--event-id", "2c2f0e7e-0000-4000-8000-000000000000")]
    public async Task Prove_refuses_what_the_tape_cannot_prove_with_a_message_and_exit_2(params string[] arguments)
    {
        var (code, output, error) = await Run(["prove", "--db", DatabasePath, .. arguments]);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal("", output);
        Assert.NotEqual("", error.Trim());
    }

    private static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await JournalCli.RunAsync(args, output, error, default);
        return (code, output.ToString(), error.ToString());
    }
}
