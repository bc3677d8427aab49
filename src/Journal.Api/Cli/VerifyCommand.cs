using System.CommandLine;
using System.Text.Json;
using Journal.EventStore.Checkpoints;
using Journal.EventStore.Inspection;
using Journal.EventStore.Serialization;

namespace Journal.Api.Cli;

/// <summary>
/// <c>verify [--db PATH | --file PATH] [--from SEQ] [--to SEQ] [--json]</c>: checks every link of the chain
/// of a tape or a backup; exit 3 on a mismatch. With <c>--checkpoint FILE [--public-key FILE]</c> it also
/// proves that the tape extends a signed checkpoint (exit 3 on truncation or a rewritten past).
/// </summary>
internal static class VerifyCommand
{
    public static Command Create(CliContext context)
    {
        var db = CommonOptions.Database();
        db.Aliases.Add("--file");
        var json = CommonOptions.Json();
        var checkpoint = new Option<string?>("--checkpoint") { Description = "A signed checkpoint the tape must extend" };
        var publicKey = new Option<string?>("--public-key") { Description = "The public key (PEM) the checkpoint must be signed with" };
        var from = CommonOptions.Position("--from", "First position to check", 1);
        var to = new Option<long?>("--to") { Description = "Last position to check (default: the head)" };
        var command = new Command("verify", "Check the hash chain of a tape file (read-only)") { db, json, from, to, checkpoint, publicKey };
        command.SetAction(async (parse, ct) =>
        {
            using var inspector = TapeInspector.Open(parse.GetValue(db)!);
            if (parse.GetValue(checkpoint) is { } checkpointPath)
            {
                return await VerifyCheckpointAsync(context, inspector, checkpointPath, parse.GetValue(publicKey), parse.GetValue(json), ct);
            }

            var problems = await inspector.Verifier.CheckFileAsync(ct);
            if (problems.Count > 0)
            {
                await context.Output.WriteLineAsync($"damaged file '{inspector.DatabasePath}': {string.Join("; ", problems.Take(3))}");
            }

            var report = await inspector.Verifier.VerifyAsync(parse.GetValue(from), parse.GetValue(to), ct);
            if (parse.GetValue(json))
            {
                await context.Output.WriteLineAsync(JsonSerializer.Serialize(report, PayloadSerializer.JsonOptions));
            }
            else if (report.FirstMismatch is { } m)
            {
                await context.Output.WriteLineAsync($"broken at seq {m.Seq}: {m.Code} (expected {m.Expected}, found {m.Found}); {report.EventsChecked} events checked before it");
            }
            else
            {
                await context.Output.WriteLineAsync($"intact: {report.EventsChecked} events checked ({report.From}..{report.To}), {report.ErasedPayloads} erased payloads, head {report.HeadSeq} {report.HeadHash}");
            }

            return report.IsIntact && problems.Count == 0 ? ExitCodes.Ok : ExitCodes.Mismatch;
        });
        return command;
    }

    private static async Task<int> VerifyCheckpointAsync(CliContext context, TapeInspector inspector, string checkpointPath, string? publicKeyPath, bool json, CancellationToken ct)
    {
        var checkpoint = await CheckpointFile.ReadAsync(checkpointPath, ct);
        using var key = publicKeyPath is null ? null : CheckpointKeys.Load(publicKeyPath);
        var check = await CheckpointVerifier.VerifyAsync(checkpoint, key, inspector.JournalId, inspector.Verifier, ct);
        if (json)
        {
            await context.Output.WriteLineAsync(JsonSerializer.Serialize(check, PayloadSerializer.JsonOptions));
        }
        else
        {
            await context.Output.WriteLineAsync(check.Extends ? $"extends: {check.Message}" : $"FAILED {check.Code}: {check.Message}");
            if (!check.KeyTrusted)
            {
                await context.Output.WriteLineAsync("note: the signature was checked against the key inside the checkpoint; pass --public-key to check who signed it");
            }
        }

        return check.Extends ? ExitCodes.Ok : ExitCodes.Mismatch;
    }
}
