using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Journal.Api.Tests.Http.Support;
using Journal.EventStore.Checkpoints;
using Journal.EventStore.Merkle;

namespace Journal.Api.Tests.Http;

/// <summary>The Merkle tree over HTTP: tree heads, inclusion and consistency proofs that verify, and refused input.</summary>
public sealed class ProofEndpointTests : ApiTestBase
{
    [Fact]
    public async Task Every_event_has_an_inclusion_proof_at_every_tree_size_that_verifies_against_that_sizes_head()
    {
        for (var i = 0; i < 4; i++)
        {
            await Host.CreateSessionAsync();
        }

        using var client = Host.Reader();
        var head = await Host.HeadAsync();
        var events = (await client.GetFromJsonAsync<JsonElement>("/v1/journal/events?limit=100")).GetProperty("events").EnumerateArray().ToArray();

        for (var size = 1L; size <= head; size++)
        {
            var tree = await client.GetFromJsonAsync<JsonElement>($"/v1/journal/tree?size={size}");
            var root = Convert.FromBase64String(tree.GetProperty("root").GetString()!);
            Assert.Equal(events[size - 1].GetProperty("hash").GetString(), tree.GetProperty("chainHash").GetString());
            for (var seq = 1L; seq <= size; seq++)
            {
                var proof = await client.GetFromJsonAsync<JsonElement>($"/v1/journal/proofs/inclusion?seq={seq}&treeSize={size}");
                var leaf = MerkleHash.Leaf(Convert.FromHexString(events[seq - 1].GetProperty("hash").GetString()!));
                Assert.Equal(Convert.ToBase64String(leaf), proof.GetProperty("leafHash").GetString());
                Assert.Equal(tree.GetProperty("root").GetString(), proof.GetProperty("root").GetString());
                Assert.True(MerkleVerifier.VerifyInclusion(seq - 1, size, leaf, Path(proof, "auditPath"), root), $"seq {seq} in {size}");
            }
        }
    }

    [Fact]
    public async Task An_inclusion_proof_by_event_id_is_the_proof_of_its_seq_and_a_consistency_proof_links_two_heads()
    {
        for (var i = 0; i < 5; i++)
        {
            await Host.CreateSessionAsync();
        }

        using var client = Host.Reader();
        var third = (await client.GetFromJsonAsync<JsonElement>("/v1/journal/events?from=3&limit=1")).GetProperty("events")[0];
        var byId = await client.GetFromJsonAsync<JsonElement>($"/v1/journal/proofs/inclusion?eventId={third.GetProperty("eventId").GetGuid()}");
        var bySeq = await client.GetFromJsonAsync<JsonElement>("/v1/journal/proofs/inclusion?seq=3");
        var old = await client.GetFromJsonAsync<JsonElement>("/v1/journal/tree?size=3");
        var now = await client.GetFromJsonAsync<JsonElement>("/v1/journal/tree");
        var consistency = await client.GetFromJsonAsync<JsonElement>("/v1/journal/proofs/consistency?from=3");
        var head = await Host.HeadAsync();

        Assert.Equal(bySeq.GetRawText(), byId.GetRawText());
        Assert.True(head > 3);
        Assert.Equal(head, now.GetProperty("size").GetInt64());
        Assert.Equal(JsonValueKind.Null, now.GetProperty("checkpoint").ValueKind);
        Assert.Equal((3L, head), (consistency.GetProperty("fromSize").GetInt64(), consistency.GetProperty("toSize").GetInt64()));
        Assert.Equal(old.GetProperty("root").GetString(), consistency.GetProperty("fromRoot").GetString());
        Assert.Equal(now.GetProperty("root").GetString(), consistency.GetProperty("toRoot").GetString());
        Assert.True(MerkleVerifier.VerifyConsistency(3, head, Path(consistency, "proof"), Root(old), Root(now)));
        Assert.False(MerkleVerifier.VerifyConsistency(2, head, Path(consistency, "proof"), Root(old), Root(now)));
    }

    [Theory]
    [InlineData("/v1/journal/proofs/inclusion?seq=0", "validation.failed", "seq")]
    [InlineData("/v1/journal/proofs/inclusion?seq=3", "validation.failed", "seq")]
    [InlineData("/v1/journal/proofs/inclusion?seq=2&treeSize=1", "validation.failed", "seq")]
    [InlineData("/v1/journal/proofs/inclusion?seq=1&treeSize=3", "validation.failed", "treeSize")]
    [InlineData("/v1/journal/proofs/inclusion", "validation.failed", "seq")]
    [InlineData("/v1/journal/proofs/inclusion?seq=1&eventId=0199b2c4-0000-7000-8000-000000000000", "validation.failed", "eventId")]
    [InlineData("/v1/journal/proofs/inclusion?seq=abc", "request.invalid_parameter", "seq")]
    [InlineData("/v1/journal/proofs/inclusion?seq=99999999999999999999", "request.invalid_parameter", "seq")]
    [InlineData("/v1/journal/proofs/inclusion?seq=1&treeSize=9223372036854775807", "validation.failed", "treeSize")]
    [InlineData("/v1/journal/proofs/inclusion?eventId=not-a-guid", "request.invalid_parameter", "eventId")]
    [InlineData("/v1/journal/proofs/consistency?from=1&to=-9223372036854775808", "validation.failed", "to")]
    [InlineData("/v1/journal/proofs/consistency", "validation.failed", "from")]
    [InlineData("/v1/journal/proofs/consistency?from=0", "validation.failed", "from")]
    [InlineData("/v1/journal/proofs/consistency?from=2&to=1", "validation.failed", "from")]
    [InlineData("/v1/journal/proofs/consistency?from=1&to=3", "validation.failed", "to")]
    [InlineData("/v1/journal/tree?size=3", "validation.failed", "size")]
    [InlineData("/v1/journal/tree?size=-1", "validation.failed", "size")]
    public async Task Proofs_refuse_what_the_tape_cannot_prove_naming_the_parameter(string path, string code, string field)
    {
        await Host.CreateSessionAsync();
        using var client = Host.Reader();

        using var response = await client.GetAsync(path);

        await Problem.AssertFieldAsync(response, code, field);
    }

    [Fact]
    public async Task An_unknown_event_id_is_not_found_and_proofs_need_a_key()
    {
        await Host.CreateSessionAsync();
        using var reader = Host.Reader();
        using var anonymous = Host.Client(key: null);

        using var unknown = await reader.GetAsync($"/v1/journal/proofs/inclusion?eventId={Guid.NewGuid()}");
        using var refused = await anonymous.GetAsync("/v1/journal/tree");

        await Problem.AssertAsync(unknown, HttpStatusCode.NotFound, "event.not_found");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    private static byte[][] Path(JsonElement proof, string name) =>
        proof.GetProperty(name).EnumerateArray().Select(h => Convert.FromBase64String(h.GetString()!)).ToArray();

    private static byte[] Root(JsonElement head) => Convert.FromBase64String(head.GetProperty("root").GetString()!);
}

/// <summary>With a checkpoint key configured, a tree head carries its signed C2SP checkpoint note.</summary>
public sealed class SignedTreeHeadTests : ApiTestBase
{
    private readonly string _keys = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "journal-keys", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task The_tree_head_is_signed_as_a_checkpoint_note_that_opens_with_the_public_key()
    {
        await Host.CreateSessionAsync();
        using var client = Host.Reader();

        var tree = await client.GetFromJsonAsync<JsonElement>("/v1/journal/tree?size=1");
        using var key = CheckpointKeys.Load(System.IO.Path.Combine(_keys, "checkpoint.pem.pub"));
        var note = tree.GetProperty("checkpoint").GetString()!;
        var origin = note[..note.IndexOf('\n', StringComparison.Ordinal)];
        var head = CheckpointNote.Open(note, origin, key);

        Assert.Matches("^journal/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", origin);
        Assert.Equal(1, head.Size);
        Assert.Equal(tree.GetProperty("root").GetString(), Convert.ToBase64String(head.Root));
    }

    protected override ApiHost StartHost()
    {
        CheckpointKeys.Generate(System.IO.Path.Combine(_keys, "checkpoint.pem"), System.IO.Path.Combine(_keys, "checkpoint.pem.pub"));
        return ApiHost.Start(settings: new Dictionary<string, string> { ["Journal:CheckpointKeyPath"] = System.IO.Path.Combine(_keys, "checkpoint.pem") });
    }
}
