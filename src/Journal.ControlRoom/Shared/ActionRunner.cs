using Journal.ControlRoom.Hosting;
using Microsoft.Extensions.Logging;

namespace Journal.ControlRoom.Shared;

/// <summary>
/// Runs one action of a page and turns any refusal into the problem the HTTP API would answer, so every
/// action shows its outcome and a refusal shows the problem's words.
/// </summary>
public sealed class ActionRunner(IProblemWords problems, ILogger<ActionRunner> logger)
{
    /// <summary>Runs <paramref name="action"/>; its answer is the success message.</summary>
    public async Task<ActionOutcome> RunAsync(Func<Task<ActionOutcome>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception ex) when (problems.Describe(ex) is { } problem)
        {
            return new ActionOutcome(false, problem.Title ?? "Refused.", problem.Detail, problem.Type);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Not a refusal of the journal's: its text is not shown, as the API shows none of a 500's.
            logger.LogError(ex, "A control room action failed");
            return new ActionOutcome(false, "The action failed.", "An unexpected error occurred; the service log has the details.");
        }
    }
}
