using System.CommandLine;
using System.Text.Json;
using Journal.EventStore.Serialization;
using Journal.Projections.Runtime;

namespace Journal.Api.Cli;

/// <summary><c>projections [--json] [--db PATH]</c>: every projection with its checkpoint, lag, state and dead letters.</summary>
internal static class ProjectionsCommand
{
    public static Command Create(CliContext context)
    {
        var db = CommonOptions.Database();
        var projections = CommonOptions.ProjectionsDatabase();
        var json = CommonOptions.Json();
        var command = new Command("projections", "List the projections with checkpoint, lag and state") { db, projections, json };
        command.SetAction(async (parse, ct) =>
        {
            await using var services = JournalServices.Open(TapeLocation.Parse(parse.GetValue(db)!), parse.GetValue(projections));
            var status = await services.GetRequiredService<ProjectionDaemon>().StatusAsync(ct);
            if (parse.GetValue(json))
            {
                await context.Output.WriteLineAsync(JsonSerializer.Serialize(status, PayloadSerializer.JsonOptions));
                return ExitCodes.Ok;
            }

            await context.Output.WriteLineAsync($"{"projection",-24} {"checkpoint",12} {"state",-8} {"lag",10} {"lag ms",10} {"dead",5}");
            foreach (var p in status)
            {
                await context.Output.WriteLineAsync($"{p.Name,-24} {p.Position,12} {p.State,-8} {p.LagEvents,10} {p.LagMs,10} {p.DeadLetters,5}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
