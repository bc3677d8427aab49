using System.Diagnostics;

namespace Journal.Application.Pipeline;

/// <summary>
/// The request pipeline's spans (activity source <c>Journal.Commands</c>): <c>journal.command {Request}</c>
/// for a command, <c>journal.query {Request}</c> for anything else sent through MediatR.
/// </summary>
public static class CommandTracing
{
    /// <summary>Name of the activity source.</summary>
    public const string SourceName = "Journal.Commands";

    /// <summary>Prefix of a command's span name (followed by the request's type name).</summary>
    public const string CommandSpanPrefix = "journal.command ";

    /// <summary>Prefix of a query's span name (followed by the request's type name).</summary>
    public const string QuerySpanPrefix = "journal.query ";

    // Immutable once made and shared like a Meter: the listeners decide what it records.
    internal static readonly ActivitySource Source = new(SourceName);
}
