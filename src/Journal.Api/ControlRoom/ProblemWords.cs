using Journal.Api.Http.Problems;
using Journal.ControlRoom.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace Journal.Api.ControlRoom;

/// <summary>A refusal in the control room reads as the API's problem details for it: the one mapping, <see cref="ExceptionProblems"/>.</summary>
internal sealed class ProblemWords : IProblemWords
{
    public ProblemDetails? Describe(Exception exception) => ExceptionProblems.Map(exception);
}
