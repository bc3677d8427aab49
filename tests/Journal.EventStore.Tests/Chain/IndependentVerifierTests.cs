using System.Globalization;
using System.Text;
using System.Text.Json;
using Journal.Domain.Tape;
using Journal.EventStore.Checkpoints;
using Journal.EventStore.Tests.Support;
using Journal.EventStore.Verification;
using Microsoft.Data.Sqlite;

namespace Journal.EventStore.Tests.Chain;

/// <summary>
/// tools/verify_chain.py was written from docs/hash-chain.md alone. Run against a real tape, intact and
/// tampered, it must reach the same verdict as the store's own <c>VerifyAsync()</c>: if it does not,
/// either the page or the code is wrong.
/// </summary>
public sealed class IndependentVerifierTests : IAsyncLifetime
{
    private const string DropTriggers = "DROP TRIGGER journal_events_no_delete; DROP TRIGGER journal_events_only_erasure;";
    private const int Rounds = 5;
    private const int BatchSize = 10;
    private const long ErasurePosition = Rounds * BatchSize * 6 + 1; // 301: after the six streams' rounds
    private const long Head = ErasurePosition + BatchSize;           // 311: one more batch after the erasure

    private static readonly string[] Streams =
    [
        "session-3f2a9c01", "run-7.b", "tool_job:42", "approval@ops", "workspace_main", "transcript-Zz.9",
    ];

    private static readonly string[] UnicodeTexts =
    [
        "héllo wörld — naïve café",
        "日本語のテキスト、中文文本、한국어 텍스트",
        "emoji 🙂🚀👩‍💻 and flags 🇫🇷🇯🇵",
        "עברית ו-العربية mixed with LTR",
        "combining e\u0301 vs é, ligature ﬁ, math 𝔸𝔹ℂ",
        "control\tchars\r\nand a NUL \u0000 inside",
        "Ελληνικά, Кириллица, ქართული, ไทย",
    ];

    // seq 5 and seq 15 are the secret-bearing events of the first two batches (index 4 of each batch).
    private static readonly long[] Erased = [2, 5, 15];

    private readonly StoreFixture _fixture = new();
    private readonly string _suffix = Guid.NewGuid().ToString("N");

    public async Task InitializeAsync()
    {
        var store = _fixture.Open();
        var n = 0;
        for (var round = 0; round < Rounds; round++)
        {
            foreach (var stream in Streams)
            {
                var batch = Enumerable.Range(0, BatchSize).Select(i => NextEvent(n++, i)).ToArray();
                var metadata = new EventMetadata(
                    Actor: "agent-π-🤖",
                    Principal: "Zoë Ångström",
                    CorrelationId: "corr-" + round.ToString(CultureInfo.InvariantCulture) + "-日本",
                    CausationId: stream);
                await store.AppendAsync(StreamId.Parse(stream), ExpectedVersion.Any, batch, metadata, default);
                _fixture.Clock.Advance(TimeSpan.FromMilliseconds(1234));
            }
        }

        var redacted = await store.ReadAllAsync(1, default).Where(e => e.Metadata.RedactedPaths is { Count: > 0 }).Select(e => e.Seq).ToListAsync();
        Assert.Contains(5L, redacted);
        Assert.Contains(15L, redacted);

        var erasure = await store.ErasePayloadsAsync(Erased, "GDPR: löschen bitte — 消去", new EventMetadata(Actor: "ops-Ørjan"), default);
        Assert.Equal(Erased, erasure.Erased);
        Assert.Equal(ErasurePosition, erasure.Position);

        var tail = Enumerable.Range(0, BatchSize).Select(i => NextEvent(n++, i)).ToArray();
        var last = await store.AppendAsync(StreamId.Parse("session-3f2a9c01"), ExpectedVersion.Any, tail, EventMetadata.Empty, default);
        Assert.Equal(Head, last.Position);

        await _fixture.CloseAsync(store);
    }

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    [Fact]
    public async Task Python_verifier_agrees_with_VerifyAsync_when_tape_is_intact()
    {
        var report = await VerifyWithStore();
        var python = await RunPython(json: true);

        Assert.Equal(VerificationStatus.Intact, report.Status);
        Assert.Equal(Head, report.EventsChecked);
        Assert.Equal(Erased.Length, report.ErasedPayloads);
        Assert.Equal(0, python.ExitCode);
        Assert.Equal("intact", python.Json.GetProperty("status").GetString());
        Assert.Equal(report.EventsChecked, python.Json.GetProperty("events").GetInt64());
        Assert.Equal(report.ErasedPayloads, python.Json.GetProperty("erased").GetInt64());
        Assert.Equal(report.HeadSeq, python.Json.GetProperty("head_seq").GetInt64());
        Assert.Equal(report.HeadHash, python.Json.GetProperty("head_hash").GetString());
        Assert.Equal(JsonValueKind.Null, python.Json.GetProperty("mismatch").ValueKind);

        var head = await _fixture.Open().ReadHeadAsync(default);
        Assert.Equal(head.Seq, report.HeadSeq);
        Assert.Equal(Convert.ToHexStringLower(head.Hash.Span), python.Json.GetProperty("head_hash").GetString());
    }

    [Fact]
    public async Task Python_verifier_plain_output_agrees_with_VerifyAsync_when_tape_is_intact()
    {
        var report = await VerifyWithStore();
        var python = await RunPython(json: false);

        Assert.Equal(0, python.ExitCode);
        Assert.Equal(
            $"intact {report.EventsChecked} {report.ErasedPayloads} {report.HeadSeq} {report.HeadHash}",
            python.Stdout.Trim());
    }

    [Fact]
    public Task Python_verifier_agrees_with_VerifyAsync_when_a_payload_was_changed() =>
        AssertAgreeAfter("UPDATE journal_events SET payload = X'81A454657874A3657669' WHERE seq = 123;", 123, MismatchCodes.PayloadDigestMismatch);

    [Fact]
    public Task Python_verifier_agrees_with_VerifyAsync_when_an_event_type_was_changed() =>
        AssertAgreeAfter("UPDATE journal_events SET event_type = 'test.noted.v1' WHERE seq = 150;", 150, MismatchCodes.HashMismatch);

    [Fact]
    public Task Python_verifier_agrees_with_VerifyAsync_when_a_prev_hash_was_changed() =>
        AssertAgreeAfter("UPDATE journal_events SET prev_hash = zeroblob(32) WHERE seq = 201;", 201, MismatchCodes.PrevHashMismatch);

    [Fact]
    public Task Python_verifier_agrees_with_VerifyAsync_when_a_middle_row_was_deleted() =>
        AssertAgreeAfter("DELETE FROM journal_events WHERE seq = 177;", 177, MismatchCodes.SeqGap);

    [Fact]
    public Task Python_verifier_agrees_with_VerifyAsync_when_two_rows_were_swapped() =>
        AssertAgreeAfter(
            """
            UPDATE journal_events SET seq = -230 WHERE seq = 230;
            UPDATE journal_events SET seq = 230 WHERE seq = 231;
            UPDATE journal_events SET seq = 231 WHERE seq = -230;
            """,
            230,
            MismatchCodes.Reordered);

    [Theory]
    [InlineData("DELETE FROM journal_events WHERE seq = 1;", 1, MismatchCodes.SeqGap)]
    [InlineData("UPDATE journal_events SET metadata = X'81A56163746F72A46576696C' WHERE seq = 99;", 99, MismatchCodes.HashMismatch)]
    [InlineData("UPDATE journal_events SET stream_id = 'séssion-ü🙂' WHERE seq = 120;", 120, MismatchCodes.HashMismatch)]
    [InlineData("UPDATE journal_events SET stream_version = stream_version + 1000 WHERE seq = 121;", 121, MismatchCodes.HashMismatch)]
    [InlineData("UPDATE journal_events SET recorded_at = recorded_at + 1 WHERE seq = 122;", 122, MismatchCodes.HashMismatch)]
    [InlineData("UPDATE journal_events SET event_id = randomblob(16) WHERE seq = 124;", 124, MismatchCodes.HashMismatch)]
    [InlineData("UPDATE journal_events SET payload = X'A1BB' WHERE seq = 15;", 15, MismatchCodes.PayloadDigestMismatch)]
    [InlineData("UPDATE journal_events SET payload_digest = zeroblob(32) WHERE seq = 2;", 2, MismatchCodes.HashMismatch)]
    [InlineData("UPDATE journal_events SET hash = zeroblob(32) WHERE seq = 311;", 311, MismatchCodes.HashMismatch)]
    [InlineData("UPDATE journal_events SET seq = 400 WHERE seq = 250;", 250, MismatchCodes.SeqGap)]
    public Task Python_verifier_agrees_with_VerifyAsync_on_other_tamperings(string sql, long seq, string code) =>
        AssertAgreeAfter(sql, seq, code);

    [Theory]
    [InlineData("stream_id = CAST(stream_id AS BLOB)", 140)]
    [InlineData("event_type = CAST(event_type AS BLOB)", 141)]
    [InlineData("payload = CAST(payload AS TEXT)", 142)]
    [InlineData("hash = CAST(hash AS TEXT)", 143)]
    [InlineData("event_id = CAST(event_id AS TEXT)", 144)]
    [InlineData("recorded_at = CAST(recorded_at AS BLOB)", 145)]
    [InlineData("metadata = CAST(metadata AS TEXT)", 146)]
    public Task Python_verifier_agrees_with_VerifyAsync_when_a_column_holds_its_bytes_in_another_storage_class(string assignment, long seq) =>
        AssertAgreeAfter($"PRAGMA ignore_check_constraints = ON; UPDATE journal_events SET {assignment} WHERE seq = {seq};", seq, MismatchCodes.StorageClassMismatch);

    [Theory]
    [InlineData(9, MismatchCodes.StreamVersionDuplicate)]
    [InlineData(12, MismatchCodes.StreamVersionGap)]
    [InlineData(0, MismatchCodes.StreamVersionGap)]
    public Task Python_verifier_agrees_with_VerifyAsync_when_a_rechained_row_breaks_its_stream_versions(long version, string code) =>
        // seq 10 is session-3f2a9c01 version 10.
        AssertAgreeAfter(
            connection =>
            {
                Forger.CopyWithoutConstraints(connection);
                Forger.Execute(connection, $"UPDATE journal_events SET stream_version = {version} WHERE seq = 10");
                Forger.Rechain(connection, 10);
            },
            10,
            code);

    [Fact]
    public Task Python_verifier_agrees_with_VerifyAsync_when_a_copy_of_the_table_permuted_the_seqs() =>
        AssertAgreeAfter(connection => Forger.CopyWithoutConstraints(connection, "CASE seq WHEN 40 THEN 42 WHEN 41 THEN 40 WHEN 42 THEN 41 ELSE seq END"), 40, MismatchCodes.Reordered);

    [Fact]
    public Task Python_verifier_agrees_with_VerifyAsync_when_a_payload_was_blanked_without_an_erasure_record() =>
        AssertAgreeAfter("UPDATE journal_events SET payload = NULL WHERE seq = 7;", 7, MismatchCodes.ErasureUnrecorded);

    [Fact]
    public Task Python_verifier_agrees_with_VerifyAsync_when_the_tail_holding_the_erasure_record_was_cut_off() =>
        AssertAgreeAfter($"DELETE FROM journal_events WHERE seq >= {ErasurePosition};", 2, MismatchCodes.ErasureUnrecorded);

    [Fact]
    public Task Python_verifier_agrees_with_VerifyAsync_when_an_erasure_record_is_in_another_stream() =>
        AssertAgreeAfter(
            connection =>
            {
                Forger.Execute(connection, "UPDATE journal_events SET payload = NULL WHERE seq = 7");
                Forger.Append(connection, "run-7.b", "journal.payloads_erased.v1", Forger.ErasurePayload([7], "looks official"));
            },
            7,
            MismatchCodes.ErasureUnrecorded);

    [Theory]
    [InlineData("""{"seqs":[7],"reason":7}""")]
    [InlineData("""{"seqs":[7,7],"reason":"r"}""")]
    [InlineData("""{"seqs":[312],"reason":"r"}""")]
    [InlineData("""{"reason":"r","seqs":[7]}""")]
    [InlineData("""{"seqs":[7],"reason":"r","x":1}""")]
    [InlineData("""{"seqs":[-7],"reason":"r"}""")]
    public Task Python_verifier_agrees_with_VerifyAsync_when_an_erasure_record_is_malformed(string json) =>
        AssertAgreeAfter(
            connection =>
            {
                Forger.Execute(connection, "UPDATE journal_events SET payload = NULL WHERE seq = 7");
                Forger.Append(connection, "journal-erasures", "journal.payloads_erased.v1", Journal.EventStore.Codec.JsonMessagePack.Encode(System.Text.Json.Nodes.JsonNode.Parse(json)));
            },
            Head + 1,
            MismatchCodes.ErasureRecordMalformed);

    [Fact]
    public async Task Python_verifier_agrees_with_VerifyAsync_on_a_well_chained_forged_erasure_record()
    {
        using (var connection = _fixture.RawConnection())
        {
            Forger.EraseWithForgedRecord(connection, [7, 300], "routine ✓ 消去");
        }

        var report = await VerifyWithStore();
        var python = await RunPython(json: true);

        Assert.True(report.IsIntact, report.FirstMismatch?.ToString());
        Assert.Equal(0, python.ExitCode);
        Assert.Equal(Erased.Length + 2, python.Json.GetProperty("erased").GetInt64());
        Assert.Equal(report.HeadHash, python.Json.GetProperty("head_hash").GetString());
    }

    [Fact]
    public async Task Python_verifier_agrees_with_CheckpointVerifier_on_payloads_erased_since_a_checkpoint_including_a_forged_one()
    {
        var checkpoint = await SignAsync();
        var store = _fixture.Open();
        await store.ErasePayloadsAsync([20, 33], "retention: 30 days", EventMetadata.Empty, default);
        await _fixture.CloseAsync(store);
        using (var connection = _fixture.RawConnection())
        {
            Forger.EraseWithForgedRecord(connection, [7], "routine ✓");
        }

        var (check, python) = await CheckBothAsync(checkpoint, trusted: true);

        Assert.True(check.Extends, check.Message);
        Assert.Equal([7L, 20L, 33L], check.ErasedSince.Select(e => e.Seq));
        Assert.Equal(4, python.ExitCode);
        AssertSameErasedSince(check, python.Json.GetProperty("checkpoint"));
        Assert.True(python.Json.GetProperty("checkpoint").GetProperty("extends").GetBoolean());
        Assert.True(python.Json.GetProperty("checkpoint").GetProperty("commits_to_erasures").GetBoolean());
    }

    [Fact]
    public async Task Python_verifier_agrees_with_CheckpointVerifier_when_a_payload_listed_before_the_checkpoint_is_blanked_after_it()
    {
        using (var connection = _fixture.RawConnection())
        {
            Forger.Append(connection, "journal-erasures", "journal.payloads_erased.v1", Forger.ErasurePayload([8], "prepared"));
        }

        var checkpoint = await SignAsync();
        _fixture.Execute("UPDATE journal_events SET payload = NULL WHERE seq = 8");

        var (check, python) = await CheckBothAsync(checkpoint, trusted: true);

        Assert.Equal(CheckpointCodes.ErasuresDiffer, check.Code);
        Assert.Equal(3, python.ExitCode);
        Assert.Equal(check.Code, python.Json.GetProperty("checkpoint").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Python_verifier_agrees_with_CheckpointVerifier_when_the_tail_holding_the_erasure_record_was_cut_off()
    {
        var checkpoint = await SignAsync();
        _fixture.Execute($"{DropTriggers} DELETE FROM journal_events WHERE seq >= {ErasurePosition};");

        var (check, python) = await CheckBothAsync(checkpoint, trusted: true);

        Assert.Equal(CheckpointCodes.Truncated, check.Code);
        Assert.Equal(3, python.ExitCode);
        Assert.Equal(check.Code, python.Json.GetProperty("checkpoint").GetProperty("code").GetString());
        Assert.Equal(MismatchCodes.ErasureUnrecorded, python.Json.GetProperty("mismatch").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Python_verifier_agrees_with_CheckpointVerifier_on_the_signer()
    {
        var checkpoint = await SignAsync();
        using var stranger = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var store = _fixture.Open();
        var foreign = await CheckpointSigner.SignHeadAsync(store.File.JournalId, store.Verifier, _fixture.Clock.GetUtcNow(), stranger, default);
        await _fixture.CloseAsync(store);

        var (untrusted, untrustedPython) = await CheckBothAsync(checkpoint, trusted: false);
        var (strangerTrusted, strangerPython) = await CheckBothAsync(foreign, trusted: true);
        var (altered, alteredPython) = await CheckBothAsync(checkpoint with { CreatedAt = checkpoint.CreatedAt + 1 }, trusted: true);

        Assert.True(untrusted.Extends);
        Assert.False(untrusted.KeyTrusted);
        Assert.Equal(5, untrustedPython.ExitCode);
        Assert.False(untrustedPython.Json.GetProperty("checkpoint").GetProperty("key_trusted").GetBoolean());
        Assert.Equal(CheckpointCodes.BadSignature, strangerTrusted.Code);
        Assert.Equal(CheckpointCodes.BadSignature, strangerPython.Json.GetProperty("checkpoint").GetProperty("code").GetString());
        Assert.Equal(CheckpointCodes.BadSignature, altered.Code);
        Assert.Equal(CheckpointCodes.BadSignature, alteredPython.Json.GetProperty("checkpoint").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Python_verifier_agrees_with_CheckpointVerifier_on_the_merkle_root_of_a_v3_checkpoint()
    {
        var honest = await SignAsync();
        var store = _fixture.Open();
        var state = await store.Verifier.ReadCheckpointStateAsync(default);
        var root = CheckpointTree.RootAt(store.Verifier, state.Seq);
        var journalId = store.File.JournalId;
        await _fixture.CloseAsync(store);
        root[5] ^= 0x10;
        SignedCheckpoint forged;
        using (var key = CheckpointKeys.Load(KeyPath))
        {
            forged = CheckpointSigner.Sign(journalId, state, root, _fixture.Clock.GetUtcNow(), key);
        }

        var (honestCheck, honestPython) = await CheckBothAsync(honest, trusted: true);
        var (forgedCheck, forgedPython) = await CheckBothAsync(forged, trusted: true);

        Assert.Equal(SignedCheckpoint.FormatV3, honest.Format);
        Assert.True(honestCheck.Extends, honestCheck.Message);
        Assert.True(honestPython.Json.GetProperty("checkpoint").GetProperty("extends").GetBoolean());
        Assert.Equal(CheckpointCodes.TreeDiffers, forgedCheck.Code);
        Assert.Equal(3, forgedPython.ExitCode);
        Assert.Equal(CheckpointCodes.TreeDiffers, forgedPython.Json.GetProperty("checkpoint").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Python_verifier_agrees_with_CheckpointVerifier_on_a_v1_checkpoint()
    {
        var store = _fixture.Open();
        var head = await store.ReadHeadAsync(default);
        var journalId = store.File.JournalId;
        await store.ErasePayloadsAsync([20], "later", EventMetadata.Empty, default);
        await _fixture.CloseAsync(store);
        EnsureKey();
        using var key = CheckpointKeys.Load(KeyPath);
        var createdAt = _fixture.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        var signature = key.SignData(SignedCheckpoint.SignedBytes(journalId, head.Seq, head.Hash.Span, createdAt), System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        var v1 = new SignedCheckpoint(SignedCheckpoint.FormatV1, journalId, head.Seq, Convert.ToHexStringLower(head.Hash.Span), createdAt, Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()), Convert.ToBase64String(signature));

        var (check, python) = await CheckBothAsync(v1, trusted: true);

        Assert.True(check.Extends, check.Message);
        Assert.False(check.CommitsToErasures);
        Assert.Equal(4, python.ExitCode);
        Assert.False(python.Json.GetProperty("checkpoint").GetProperty("commits_to_erasures").GetBoolean());
        AssertSameErasedSince(check, python.Json.GetProperty("checkpoint"));
    }

    private string KeyPath => Path.Combine(_fixture.DirectoryPath, "keys", "checkpoint.pem");

    private async Task<SignedCheckpoint> SignAsync()
    {
        EnsureKey();
        var store = _fixture.Open();
        try
        {
            using var key = CheckpointKeys.Load(KeyPath);
            return await CheckpointSigner.SignHeadAsync(store.File.JournalId, store.Verifier, _fixture.Clock.GetUtcNow(), key, default);
        }
        finally
        {
            await _fixture.CloseAsync(store);
        }
    }

    private void EnsureKey()
    {
        if (!File.Exists(KeyPath))
        {
            CheckpointKeys.Generate(KeyPath, KeyPath + ".pub");
        }
    }

    private async Task<(CheckpointCheck Check, PythonResult Python)> CheckBothAsync(SignedCheckpoint checkpoint, bool trusted)
    {
        EnsureKey();
        var path = Path.Combine(_fixture.DirectoryPath, "checkpoints", Guid.NewGuid().ToString("N") + ".json");
        await CheckpointFile.WriteAsync(path, checkpoint, default);
        CheckpointCheck check;
        using (var key = trusted ? CheckpointKeys.Load(KeyPath + ".pub") : null)
        using (var tape = Inspection.TapeInspector.Open(_fixture.DatabasePath))
        {
            check = await CheckpointVerifier.VerifyAsync(await CheckpointFile.ReadAsync(path, default), key, tape.JournalId, tape.Verifier, default);
        }

        string[] extra = trusted ? ["--checkpoint", path, "--public-key", KeyPath + ".pub"] : ["--checkpoint", path];
        return (check, await RunPython(true, extra));
    }

    private static void AssertSameErasedSince(CheckpointCheck check, JsonElement python) =>
        Assert.Equal(
            check.ErasedSince.Select(e => (e.Seq, e.RecordSeq, e.Reason)),
            python.GetProperty("erased_since").EnumerateArray().Select(e => (e.GetProperty("seq").GetInt64(), e.GetProperty("record_seq").GetInt64(), e.GetProperty("reason").GetString()!)));

    private async Task AssertAgreeAfter(Action<SqliteConnection> tamper, long seq, string code)
    {
        using (var connection = _fixture.RawConnection())
        {
            Forger.DropTriggers(connection);
            tamper(connection);
        }

        await AssertAgree(seq, code);
    }

    private async Task AssertAgreeAfter(string tampering, long seq, string code)
    {
        _fixture.Execute(DropTriggers + tampering);
        await AssertAgree(seq, code);
    }

    private async Task AssertAgree(long seq, string code)
    {
        var report = await VerifyWithStore();
        var python = await RunPython(json: true);

        var mismatch = report.FirstMismatch!;
        Assert.Equal(VerificationStatus.Broken, report.Status);
        Assert.Equal(seq, mismatch.Seq);
        Assert.Equal(code, mismatch.Code);

        Assert.Equal(3, python.ExitCode);
        Assert.Equal("broken", python.Json.GetProperty("status").GetString());
        var found = python.Json.GetProperty("mismatch");
        Assert.Equal(mismatch.Seq, found.GetProperty("seq").GetInt64());
        Assert.Equal(mismatch.Code, found.GetProperty("code").GetString());
        Assert.Equal(mismatch.Expected, AsText(found.GetProperty("expected")));
        Assert.Equal(mismatch.Found, AsText(found.GetProperty("found")));

        var plain = await RunPython(json: false);
        Assert.Equal(3, plain.ExitCode);
        Assert.Equal($"broken {mismatch.Seq} {mismatch.Code}", plain.Stdout.Trim());
    }

    private async Task<VerificationReport> VerifyWithStore()
    {
        var store = _fixture.Open();
        try
        {
            return await store.VerifyAsync();
        }
        finally
        {
            await _fixture.CloseAsync(store);
        }
    }

    private EventData NextEvent(int n, int indexInBatch)
    {
        var text = UnicodeTexts[n % UnicodeTexts.Length] + " #" + n.ToString(CultureInfo.InvariantCulture);
        if (indexInBatch == 4)
        {
            var headers = new Dictionary<string, string>
            {
                ["Authorization"] = "Bearer sk-proj-" + _suffix + "AbCdEf12",
                ["api_key"] = "hunter2-" + _suffix,
                ["Accept-Language"] = "fr-FR, 日本語",
            };
            return Events.Noted(text + " with ghp_" + (_suffix + _suffix)[..36], headers);
        }

        return n % 3 == 0 ? Events.Noted(text) : Events.Happened(text, n);
    }

    private static string? AsText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.Null => null,
        _ => value.GetRawText(),
    };

    private async Task<PythonResult> RunPython(bool json, params string[] extra)
    {
        string[] arguments = json ? [_fixture.DatabasePath, "--json", .. extra] : [_fixture.DatabasePath, .. extra];
        var result = await PythonTool.RunAsync("verify_chain.py", "the independent verifier", arguments);
        Assert.True(result.ExitCode is 0 or 3 or 4 or 5, $"verify_chain.py exited with {result.ExitCode}; stderr: {result.Stderr}; stdout: {result.Stdout}");
        Assert.True(result.Stderr.Length == 0, "verify_chain.py wrote to stderr: " + result.Stderr);
        if (!json)
        {
            return new PythonResult(result.ExitCode, result.Stdout, default);
        }

        using var document = JsonDocument.Parse(result.Stdout);
        return new PythonResult(result.ExitCode, result.Stdout, document.RootElement.Clone());
    }

    private sealed record PythonResult(int ExitCode, string Stdout, JsonElement Json);
}
