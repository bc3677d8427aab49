using System.Text.Json.Serialization;
using MediatR;

namespace Journal.Domain.Commands;

/// <summary>
/// A write-side request dispatched through MediatR. Every command answers with the tape position it
/// wrote, so that a query can wait for the read side to catch up (read-your-writes).
/// </summary>
public interface ICommand : IRequest<CommandResult>
{
    /// <summary>Who sends it; not part of what the command asks for (and not part of its idempotency hash).</summary>
    [JsonIgnore]
    CommandContext Context { get; }
}
