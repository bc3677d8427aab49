using Journal.ControlRoom.Auth;
using Journal.ControlRoom.Hosting;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Logging;

namespace Journal.ControlRoom.Shared;

/// <summary>
/// Runs one action of a page and turns any refusal into the problem the HTTP API would answer, so every
/// action shows its outcome and a refusal shows the problem's words. Before an action that writes, it checks the
/// signed-in person's role again on the server, as the API checks a key's: a page never shows a reader a button
/// that writes, and an action reached anyway is refused with the API's <c>auth.forbidden</c>.
/// </summary>
public sealed class ActionRunner(IProblemWords problems, AuthenticationStateProvider authentication, ILogger<ActionRunner> logger)
{
    /// <summary>The problem type of a refusal for want of a role (the API's 403).</summary>
    public const string ForbiddenType = "https://journal.dev/problems/auth.forbidden";

    /// <summary>Runs <paramref name="action"/>, a read; its answer is the success message.</summary>
    public Task<ActionOutcome> RunAsync(Func<Task<ActionOutcome>> action) => RunAsync(ActionNeed.Reader, action);

    /// <summary>Runs <paramref name="action"/> when the signed-in person has the role it <paramref name="needs"/>; its answer is the success message.</summary>
    public async Task<ActionOutcome> RunAsync(ActionNeed needs, Func<Task<ActionOutcome>> action)
    {
        if (needs != ActionNeed.Reader)
        {
            var viewer = Viewer.Of((await authentication.GetAuthenticationStateAsync()).User);
            if (!(needs == ActionNeed.Admin ? viewer.IsAdmin : viewer.CanDecide))
            {
                return new ActionOutcome(false, "Not allowed.", $"This needs the {(needs == ActionNeed.Admin ? "admin" : "writer")} role; {viewer.Name} does not have it. Nothing was changed.", ForbiddenType);
            }
        }

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
