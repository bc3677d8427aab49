using System.Net.Http.Json;
using System.Text.Json;
using Journal.Api.Cli;
using Journal.Api.Hosting;
using Journal.EventStore.Storage;
using Journal.Reliability.Tests.Support;

namespace Journal.Reliability.Tests.Tamper;

/// <summary>
/// Tamper evidence end to end: another SQLite client drops the append-only triggers and edits the tape;
/// the <c>verify</c> verb, start-up, the health report and the admin verification all name the exact
/// position and code. A truncated tail leaves a chain that verifies on its own; a signed checkpoint
/// taken before the cut names it.
/// </summary>
public sealed class TamperEvidenceTests : IDisposable
{
    private const int Events = 20;
    private readonly TestDirectory _directory = new("tamper");

    public static TheoryData<string, string, long, string> Edits => new()
    {
        { "payload", "UPDATE journal_events SET payload = X'81A474657874A56576696C21' WHERE seq = 7;", 7, "payload_digest_mismatch" },
        { "event type", "UPDATE journal_events SET event_type = 'test.forged.v1' WHERE seq = 11;", 11, "hash_mismatch" },
        { "order (rows 5 and 6 swapped)", "UPDATE journal_events SET seq = -5 WHERE seq = 5; UPDATE journal_events SET seq = 5 WHERE seq = 6; UPDATE journal_events SET seq = 6 WHERE seq = -5;", 5, "reordered" },
        { "stream_id stored as a BLOB", "UPDATE journal_events SET stream_id = CAST(stream_id AS BLOB) WHERE seq = 7;", 7, "storage_class_mismatch" },
        { "deleted middle row", "DELETE FROM journal_events WHERE seq = 10;", 10, "seq_gap" },
    };

    [Theory]
    [MemberData(nameof(Edits))]
    public async Task Verify_start_up_health_and_admin_verify_name_the_position_of_an_edit(string edit, string sql, long seq, string code)
    {
        await Tapes.CreateAsync(_directory.Tape, Events);
        Tapes.Execute(_directory.Tape, Tapes.DropTriggers + sql);

        var (exit, output, _) = await Tapes.CliAsync("verify", "--db", _directory.Tape);
        Assert.True(exit == ExitCodes.Mismatch, $"{edit}: verify exited {exit}");
        Assert.StartsWith($"broken at seq {seq}: {code}", output, StringComparison.Ordinal);

        var refused = Assert.Throws<StorageException>(() => JournalHost.Build([$"--Journal:DataDirectory={_directory.Combine("data")}", "--urls", "http://127.0.0.1:0"]));
        Assert.Contains($"broken at seq {seq}: {code}", refused.Message, StringComparison.Ordinal);

        await using var host = ServiceHost.Start(_directory.Combine("data"), new Dictionary<string, string> { ["Journal:StartWithBrokenTape"] = "true" });
        using var reader = host.Reader();
        using var admin = host.Admin();
        var health = await reader.GetFromJsonAsync<JsonElement>("/v1/journal/health?verify=true");
        var verified = await admin.GetFromJsonAsync<JsonElement>("/v1/admin/verify");

        Assert.Equal("degraded", health.GetProperty("status").GetString());
        AssertNames(health.GetProperty("verification").GetProperty("report"), seq, code);
        AssertNames(verified, seq, code);
    }

    [Fact]
    public async Task Verify_with_a_signed_checkpoint_names_a_truncated_tail_that_the_chain_alone_cannot_see()
    {
        await Tapes.CreateAsync(_directory.Tape, Events);
        var key = _directory.Combine("checkpoint.pem");
        var checkpoint = _directory.Combine("checkpoint.json");
        Assert.Equal(ExitCodes.Ok, (await Tapes.CliAsync("checkpoint", "--new-key", "--key", key)).Code);
        Assert.Equal(ExitCodes.Ok, (await Tapes.CliAsync("checkpoint", "--sign", "--key", key, "--db", _directory.Tape, "--out", checkpoint)).Code);
        Assert.Equal(ExitCodes.Ok, (await Tapes.CliAsync("verify", "--db", _directory.Tape, "--checkpoint", checkpoint, "--public-key", key + ".pub")).Code);

        Tapes.Execute(_directory.Tape, Tapes.DropTriggers + "DELETE FROM journal_events WHERE seq > 15;");

        var (plainExit, plain, _) = await Tapes.CliAsync("verify", "--db", _directory.Tape);
        var (exit, output, _) = await Tapes.CliAsync("verify", "--db", _directory.Tape, "--checkpoint", checkpoint, "--public-key", key + ".pub");

        Assert.Equal(ExitCodes.Ok, plainExit);
        Assert.StartsWith("intact: 15 events checked", plain, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Mismatch, exit);
        Assert.StartsWith($"FAILED checkpoint.truncated: the tape ends at seq 15, before the checkpointed seq {Events}", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_and_start_up_name_a_rechained_row_that_repeats_a_stream_version()
    {
        await Tapes.CreateAsync(_directory.Tape, Events);
        // Every event has its own stream note-N at version 1: moving seq 8 into note-7 repeats version 1 there.
        Tapes.ForgeAndRechain(_directory.Tape, "UPDATE journal_events SET stream_id = 'note-7' WHERE seq = 8;", 8);

        var (exit, output, _) = await Tapes.CliAsync("verify", "--db", _directory.Tape);
        var refused = Assert.Throws<StorageException>(() => JournalHost.Build([$"--Journal:DataDirectory={_directory.Combine("data")}", "--urls", "http://127.0.0.1:0"]));

        Assert.Equal(ExitCodes.Mismatch, exit);
        Assert.StartsWith("broken at seq 8: stream_version_duplicate (expected 2, found 1)", output, StringComparison.Ordinal);
        Assert.Contains("broken at seq 8: stream_version_duplicate", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_checkpoint_trusts_the_public_key_named_by_the_Journal_CheckpointPublicKey_setting()
    {
        await Tapes.CreateAsync(_directory.Tape, Events);
        var key = _directory.Combine("keys", "checkpoint.pem");
        var otherKey = _directory.Combine("keys", "other.pem");
        var checkpoint = _directory.Combine("checkpoint.json");
        Assert.Equal(ExitCodes.Ok, (await Tapes.CliAsync("checkpoint", "--new-key", "--key", key)).Code);
        Assert.Equal(ExitCodes.Ok, (await Tapes.CliAsync("checkpoint", "--new-key", "--key", otherKey)).Code);
        Assert.Equal(ExitCodes.Ok, (await Tapes.CliAsync("checkpoint", "--sign", "--key", key, "--db", _directory.Tape, "--out", checkpoint)).Code);

        var unset = await RunVerbAsync(null, "verify", "--db", _directory.Tape, "--checkpoint", checkpoint);
        var trusted = await RunVerbAsync(key + ".pub", "verify", "--db", _directory.Tape, "--checkpoint", checkpoint);
        var other = await RunVerbAsync(otherKey + ".pub", "verify", "--db", _directory.Tape, "--checkpoint", checkpoint);

        Assert.True(unset.Code == ExitCodes.UnverifiedSigner, unset.Output);
        Assert.Contains("signer unverified:", unset.Output, StringComparison.Ordinal);
        Assert.True(trusted.Code == ExitCodes.Ok, trusted.Output);
        Assert.DoesNotContain("signer unverified", trusted.Output, StringComparison.Ordinal);
        Assert.True(other.Code == ExitCodes.Mismatch, other.Output);
        Assert.Contains("FAILED checkpoint.bad_signature", other.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Service_process_exits_2_naming_the_row_when_an_older_tape_holds_a_column_in_another_storage_class()
    {
        await Tapes.CreateAsync(_directory.Tape, Events);
        // The tape as schema version 3 left it (no storage-class trigger), with seq 5's stream_id re-stored as a BLOB.
        Tapes.Execute(_directory.Tape, Tapes.DropTriggers + "DROP TRIGGER journal_events_storage_classes; DELETE FROM schema_migrations WHERE version = 4; UPDATE journal_events SET stream_id = CAST(stream_id AS BLOB) WHERE seq = 5;");

        var (code, output) = await RunVerbAsync(null, $"--Journal:DataDirectory={_directory.Combine("data")}", "--urls", "http://127.0.0.1:0");
        var (verifyCode, verified, _) = await Tapes.CliAsync("verify", "--db", _directory.Tape);

        Assert.True(code == 2, output);
        Assert.Contains("schema.precondition_failed", output, StringComparison.Ordinal);
        Assert.Contains("the row at seq 5 stores stream_id as BLOB, the tape requires TEXT", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Mismatch, verifyCode);
        Assert.StartsWith("broken at seq 5: storage_class_mismatch (expected stream_id TEXT, found stream_id BLOB)", verified, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();

    /// <summary>Runs the built service executable (a verb, or the service), with Journal__CheckpointPublicKey set when given.</summary>
    private static async Task<(int Code, string Output)> RunVerbAsync(string? publicKey, params string[] args)
    {
        var dll = Path.Combine(Repository.Root, "src", "Journal.Api", "bin", Repository.Configuration, "net10.0", "Journal.Api.dll");
        var info = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        foreach (var argument in args)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment.Remove("Journal__CheckpointPublicKey");
        if (publicKey is not null)
        {
            info.Environment["Journal__CheckpointPublicKey"] = publicKey;
        }

        using var process = System.Diagnostics.Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(deadline.Token);
        return (process.ExitCode, await output + await error);
    }

    private static void AssertNames(JsonElement report, long seq, string code)
    {
        Assert.Equal("Broken", report.GetProperty("status").GetString());
        Assert.Equal(seq, report.GetProperty("firstMismatch").GetProperty("seq").GetInt64());
        Assert.Equal(code, report.GetProperty("firstMismatch").GetProperty("code").GetString());
    }
}
