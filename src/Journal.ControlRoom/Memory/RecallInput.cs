using Journal.Domain.Errors;
using Journal.Domain.Memory;
using Journal.Projections.Memory;

namespace Journal.ControlRoom.Memory;

/// <summary>The recall form as typed: blank optional fields mean the whole principal's scope.</summary>
public sealed class RecallInput
{
    /// <summary>Whose memory (required).</summary>
    public string? Principal { get; set; }

    /// <summary>Only this channel, when given.</summary>
    public string? Channel { get; set; }

    /// <summary>Only this session, when given (a GUID).</summary>
    public string? SessionId { get; set; }

    /// <summary>What to recall.</summary>
    public string? Text { get; set; }

    /// <summary>How many hits.</summary>
    public int Limit { get; set; } = 10;

    /// <summary>The recall query the API's <c>POST /v1/memory/recall</c> sends for the same fields.</summary>
    /// <exception cref="ValidationException">On <c>scope.sessionId</c> when it is not a GUID; the query validates the rest.</exception>
    public RecallMemoryQuery Query(long? minPosition = null)
    {
        Guid? session = string.IsNullOrWhiteSpace(SessionId) ? null
            : Guid.TryParse(SessionId.Trim(), out var id) ? id
            : throw new ValidationException("scope.sessionId", "must be a GUID");
        return new RecallMemoryQuery(Text?.Trim() ?? string.Empty, new MemoryScope(Principal?.Trim() ?? string.Empty, Blank(Channel), session), Limit, MinPosition: minPosition);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
