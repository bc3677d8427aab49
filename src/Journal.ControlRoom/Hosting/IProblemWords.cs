using Microsoft.AspNetCore.Mvc;

namespace Journal.ControlRoom.Hosting;

/// <summary>
/// Turns a refusal into the same RFC 9457 problem the HTTP API answers with, so a person reads in the
/// UI exactly what a client would read over HTTP.
/// </summary>
public interface IProblemWords
{
    /// <summary>The problem for <paramref name="exception"/>, or null when it is not a refusal the journal reports on purpose.</summary>
    ProblemDetails? Describe(Exception exception);
}
