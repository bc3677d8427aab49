using System.CommandLine;
using System.Text.Json;
using Journal.Api.Endpoints.Proofs;
using Journal.EventStore.Inspection;
using Journal.EventStore.Merkle;
using Journal.EventStore.Ports;
using Journal.EventStore.Serialization;

namespace Journal.Api.Cli;

/// <summary>
/// <c>prove --seq N | --event-id ID [--tree-size M]</c> prints the inclusion proof of one event;
/// <c>prove --from M [--to N]</c> the consistency proof between two tree sizes; <c>prove --tree [--tree-size M]</c>
/// the tree head. The JSON is the HTTP API's (docs/api.md), checked by <c>tools/verify_proofs.py</c>. On a tape file
/// the tree is computed from its rows (read-only, one pass); on PostgreSQL it is read from the stored tree.
/// </summary>
internal static class ProveCommand
{
    private static readonly JsonSerializerOptions Indented = new(PayloadSerializer.JsonOptions) { WriteIndented = true };

    public static Command Create(CliContext context)
    {
        var db = CommonOptions.Database();
        var seq = new Option<long?>("--seq") { Description = "The event's position (inclusion proof)" };
        var eventId = new Option<Guid?>("--event-id") { Description = "The event's id (inclusion proof)" };
        var treeSize = new Option<long?>("--tree-size") { Description = "The tree the event is proven in, or whose head --tree prints (default: the head)" };
        var from = new Option<long?>("--from") { Description = "The older tree's size (consistency proof)" };
        var to = new Option<long?>("--to") { Description = "The newer tree's size (consistency proof; default: the head)" };
        var tree = new Option<bool>("--tree") { Description = "Print the tree head" };
        var command = new Command("prove", "Merkle proofs of a tape (read-only): inclusion of one event, consistency between two sizes, a tree head") { db, seq, eventId, treeSize, from, to, tree };
        command.SetAction(async (parse, ct) =>
        {
            var inclusion = parse.GetValue(seq) is not null || parse.GetValue(eventId) is not null;
            var consistency = parse.GetValue(from) is not null || parse.GetValue(to) is not null;
            if (new[] { inclusion, consistency, parse.GetValue(tree) }.Count(mode => mode) != 1)
            {
                await context.Error.WriteLineAsync("prove needs one of: --seq N or --event-id ID (inclusion), --from M [--to N] (consistency), --tree");
                return ExitCodes.BadInput;
            }

            if (consistency && parse.GetValue(treeSize) is not null)
            {
                await context.Error.WriteLineAsync("prove: --tree-size goes with --seq, --event-id or --tree; a consistency proof takes --from and --to");
                return ExitCodes.BadInput;
            }

            object view;
            try
            {
                view = await AnswerAsync(TapeLocation.Parse(parse.GetValue(db)!), async (tape, merkle) => inclusion
                    ? await ProofRequests.InclusionAsync(tape, merkle, parse.GetValue(seq), parse.GetValue(eventId), parse.GetValue(treeSize), ct)
                    : consistency
                        ? await ProofRequests.ConsistencyAsync(tape, merkle, parse.GetValue(from), parse.GetValue(to), ct)
                        : await ProofRequests.TreeHeadAsync(tape, merkle, _ => null, parse.GetValue(treeSize), ct));
            }
            catch (Domain.Errors.ValidationException ex)
            {
                await context.Error.WriteLineAsync($"prove refused: {OptionName(ex.Field)} {ex.Reason}");
                return ExitCodes.BadInput;
            }

            await context.Output.WriteLineAsync(JsonSerializer.Serialize(view, view.GetType(), Indented));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<object> AnswerAsync(TapeLocation location, Func<IProofTape, ITapeTree, Task<object>> answer)
    {
        if (location is TapeLocation.SqliteFile file)
        {
            using var inspector = TapeInspector.Open(file.Path);
            return await answer(new FileProofTape(inspector), new ScannedTapeTree(inspector.Verifier));
        }

        await using var services = JournalServices.OpenTape((TapeLocation.Postgres)location);
        var tape = new ServiceProofTape(services.GetRequiredService<ITapeFeed>(), services.GetRequiredService<Domain.Tape.IEventStore>(), services.GetRequiredService<ITapeVerification>());
        return await answer(tape, services.GetRequiredService<ITapeTree>());
    }

    /// <summary>The option a request field came from.</summary>
    private static string OptionName(string field) => field switch
    {
        "seq" => "--seq",
        "eventId" => "--event-id",
        "treeSize" or "size" => "--tree-size",
        "from" => "--from",
        "to" => "--to",
        _ => field,
    };
}
