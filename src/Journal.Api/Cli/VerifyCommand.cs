using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Journal.Api.Hosting;
using Journal.EventStore.Checkpoints;
using Journal.EventStore.Inspection;
using Journal.EventStore.Ports;
using Journal.EventStore.Serialization;

namespace Journal.Api.Cli;

/// <summary>
/// <c>verify [--db PATH | --file PATH] [--from SEQ] [--to SEQ] [--json]</c>: checks every row of a tape or a
/// backup as docs/hash-chain.md specifies; exit 3 on a mismatch. With <c>--checkpoint FILE [--public-key FILE]</c>
/// it also proves that the tape extends a signed checkpoint (exit 3 on truncation or a rewritten past) and lists
/// the payloads erased since (exit 4); without a trusted key (<c>--public-key</c> or
/// <c>Journal:CheckpointPublicKey</c>) the signer is unverified (exit 5).
/// </summary>
internal static class VerifyCommand
{
    public static Command Create(CliContext context)
    {
        var db = CommonOptions.Database();
        db.Aliases.Add("--file");
        var json = CommonOptions.Json();
        var checkpoint = new Option<string?>("--checkpoint") { Description = "A signed checkpoint the tape must extend" };
        var publicKey = new Option<string?>("--public-key") { Description = "The public key (PEM) the checkpoint must be signed with (default: the setting Journal:CheckpointPublicKey)" };
        var from = CommonOptions.Position("--from", "First position to check", 1);
        var to = new Option<long?>("--to") { Description = "Last position to check (default: the head)" };
        var command = new Command("verify", "Check the hash chain of a tape file (read-only)") { db, json, from, to, checkpoint, publicKey };
        command.SetAction(async (parse, ct) =>
        {
            var location = TapeLocation.Parse(parse.GetValue(db)!);
            if (location is TapeLocation.Postgres postgres)
            {
                if (parse.GetValue(checkpoint) is not null)
                {
                    await context.Error.WriteLineAsync("verify refused: --checkpoint reads a tape file; copy the PostgreSQL tape into one with `export --to FILE.db` and verify that file against the checkpoint");
                    return ExitCodes.BadInput;
                }

                await using var services = JournalServices.OpenTape(postgres);
                var verification = services.GetRequiredService<ITapeVerification>();
                var problems = await verification.CheckFileAsync(ct);
                var report = await verification.VerifyAsync(parse.GetValue(from), parse.GetValue(to), ct);
                return await ReportAsync(context, services.GetRequiredService<ITapeInspection>().Location, problems, report, parse.GetValue(json));
            }

            using var inspector = TapeInspector.Open(((TapeLocation.SqliteFile)location).Path);
            if (parse.GetValue(checkpoint) is { } checkpointPath)
            {
                return await VerifyCheckpointAsync(context, inspector, checkpointPath, parse.GetValue(publicKey), parse.GetValue(json), ct);
            }

            var fileProblems = await inspector.Verifier.CheckFileAsync(ct);
            var fileReport = await inspector.Verifier.VerifyAsync(parse.GetValue(from), parse.GetValue(to), ct);
            return await ReportAsync(context, inspector.DatabasePath, fileProblems, fileReport, parse.GetValue(json));
        });
        return command;
    }

    private static async Task<int> ReportAsync(CliContext context, string where, IReadOnlyList<string> problems, Journal.EventStore.Verification.VerificationReport report, bool json)
    {
        if (problems.Count > 0)
        {
            await context.Output.WriteLineAsync($"damaged file '{where}': {string.Join("; ", problems.Take(3))}");
        }

        if (json)
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
    }

    private static async Task<int> VerifyCheckpointAsync(CliContext context, TapeInspector inspector, string checkpointPath, string? publicKeyPath, bool json, CancellationToken ct)
    {
        string? trustedKeyPath;
        try
        {
            trustedKeyPath = publicKeyPath ?? JournalSettings.ReadCheckpointPublicKey(ServiceConfiguration());
        }
        catch (ConfigurationException ex)
        {
            await context.Error.WriteLineAsync(ex.Message);
            return ExitCodes.BadInput;
        }

        var checkpoint = await CheckpointFile.ReadAsync(checkpointPath, ct);
        using var key = trustedKeyPath is null ? null : CheckpointKeys.Load(trustedKeyPath);
        var check = await CheckpointVerifier.VerifyAsync(checkpoint, key, inspector.JournalId, inspector.Verifier, ct);
        if (json)
        {
            await context.Output.WriteLineAsync(JsonSerializer.Serialize(check, PayloadSerializer.JsonOptions));
        }
        else
        {
            await WriteAsync(context.Output, check);
        }

        return !check.Extends ? ExitCodes.Mismatch
            : !check.KeyTrusted ? ExitCodes.UnverifiedSigner
            : check.ErasedSince.Count > 0 ? ExitCodes.ErasedSinceCheckpoint
            : ExitCodes.Ok;
    }

    private static async Task WriteAsync(TextWriter output, CheckpointCheck check)
    {
        await output.WriteLineAsync(check.Extends ? $"extends: {check.Message}" : $"FAILED {check.Code}: {check.Message}");
        if (check.TreeConsistency is { } tree)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"tree: the tape's tree of {tree.ToSize} events (root {Convert.ToBase64String(tree.ToRoot)}) extends the checkpoint's root {Convert.ToBase64String(tree.FromRoot)} (consistency proof of {tree.Path.Count} hashes, verified)"));
        }

        if (check.Extends && check.ErasedSince.Count > 0)
        {
            var count = check.ErasedSince.Count;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? "payload" : "payloads")} erased since the checkpoint:"));
            foreach (var erased in check.ErasedSince)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  seq {erased.Seq} erased by the record at seq {erased.RecordSeq} (reason: {erased.Reason})"));
            }
        }

        if (check.Extends && !check.CommitsToTree)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"note: a checkpoint before {SignedCheckpoint.FormatV3} does not sign a Merkle root: it cannot anchor inclusion or consistency proofs; sign a new checkpoint"));
        }

        if (check.Extends && !check.CommitsToErasures)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"note: {SignedCheckpoint.FormatV1} does not commit to the payloads erased at its seq: a payload listed by an erasure record from before seq {check.CheckpointSeq} but blanked after it cannot be seen; sign a new checkpoint"));
        }

        if (!check.KeyTrusted)
        {
            await output.WriteLineAsync("signer unverified: the signature was checked only against the key inside the checkpoint, which anyone can make; pass --public-key or set Journal:CheckpointPublicKey to check who signed it");
        }
    }

    /// <summary>The service's configuration sources that name files: appsettings.json (beside the binary) and the environment.</summary>
    private static IConfiguration ServiceConfiguration()
    {
        var environment = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? "Production";
        return new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile($"appsettings.{environment}.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
    }
}
