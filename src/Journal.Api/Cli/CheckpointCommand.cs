using System.CommandLine;
using Journal.EventStore.Checkpoints;
using Journal.EventStore.Inspection;

namespace Journal.Api.Cli;

/// <summary>
/// <c>checkpoint --new-key --key FILE [--public-key FILE]</c> makes an ECDSA P-256 key pair (private key
/// 0600); <c>checkpoint --sign --key FILE [--db PATH] [--out FILE]</c> signs the tape's head;
/// <c>checkpoint --export-public --key FILE</c> prints the public key.
/// </summary>
internal static class CheckpointCommand
{
    private static readonly System.Text.Json.JsonSerializerOptions Indented = new(System.Text.Json.JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create(CliContext context)
    {
        var db = CommonOptions.Database();
        var key = new Option<string>("--key") { Description = "The private key file (PEM)", Required = true };
        var publicKey = new Option<string?>("--public-key") { Description = "Where --new-key writes the public key (default: KEY.pub)" };
        var newKey = new Option<bool>("--new-key") { Description = "Make a new key pair" };
        var sign = new Option<bool>("--sign") { Description = "Sign a checkpoint of the tape's head" };
        var exportPublic = new Option<bool>("--export-public") { Description = "Print the public key of --key" };
        var output = new Option<string?>("--out") { Description = "Write the checkpoint to this file (default: standard output)" };
        var command = new Command("checkpoint", "Signed checkpoints of the tape's head (ECDSA P-256)") { db, key, publicKey, newKey, sign, exportPublic, output };
        command.SetAction(async (parse, ct) =>
        {
            var keyPath = parse.GetValue(key)!;
            var modes = new[] { parse.GetValue(newKey), parse.GetValue(sign), parse.GetValue(exportPublic) }.Count(m => m);
            if (modes != 1)
            {
                await context.Error.WriteLineAsync("checkpoint needs exactly one of --new-key, --sign, --export-public");
                return ExitCodes.BadInput;
            }

            if (parse.GetValue(newKey))
            {
                var publicPath = parse.GetValue(publicKey) ?? keyPath + ".pub";
                CheckpointKeys.Generate(keyPath, publicPath);
                await context.Output.WriteLineAsync($"private key written to {Path.GetFullPath(keyPath)} (0600), public key to {Path.GetFullPath(publicPath)}");
                return ExitCodes.Ok;
            }

            using var signer = CheckpointKeys.Load(keyPath);
            if (parse.GetValue(exportPublic))
            {
                await context.Output.WriteLineAsync(signer.ExportSubjectPublicKeyInfoPem());
                return ExitCodes.Ok;
            }

            var (journalId, state, root) = await ReadHeadAsync(TapeLocation.Parse(parse.GetValue(db)!), ct);
            if (journalId is null)
            {
                await context.Error.WriteLineAsync("the tape has no journal id (made before schema version 2); open it once with the service to upgrade it");
                return ExitCodes.BadInput;
            }

            var checkpoint = CheckpointSigner.Sign(journalId.Value, state, root, TimeProvider.System.GetUtcNow(), signer);
            if (parse.GetValue(output) is { } path)
            {
                await CheckpointFile.WriteAsync(path, checkpoint, ct);
                await context.Output.WriteLineAsync($"checkpoint of seq {checkpoint.Seq} ({checkpoint.HeadHash}) written to {Path.GetFullPath(path)}");
            }
            else
            {
                await context.Output.WriteLineAsync(System.Text.Json.JsonSerializer.Serialize(checkpoint, Indented));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The head a checkpoint signs and the Merkle root there: from the tape file's rows, or from the PostgreSQL tape's stored tree.</summary>
    private static async Task<(Guid? JournalId, CheckpointState State, byte[] Root)> ReadHeadAsync(TapeLocation location, CancellationToken ct)
    {
        if (location is TapeLocation.SqliteFile file)
        {
            using var tape = TapeInspector.Open(file.Path);
            var head = await tape.Verifier.ReadCheckpointStateAsync(ct);
            return (tape.JournalId, head, CheckpointTree.RootAt(tape.Verifier, head.Seq));
        }

        await using var services = JournalServices.OpenTape((TapeLocation.Postgres)location);
        var state = await services.GetRequiredService<Journal.EventStore.Ports.ITapeVerification>().ReadCheckpointStateAsync(ct);
        var tree = await services.GetRequiredService<Journal.EventStore.Ports.ITapeTree>().HeadAsync(state.Seq, ct);
        return (services.GetRequiredService<Journal.EventStore.Ports.ITapeInspection>().JournalId, state, tree.Root);
    }
}
