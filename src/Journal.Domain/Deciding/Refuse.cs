using Journal.Domain.Errors;

namespace Journal.Domain.Deciding;

/// <summary>Builds the typed refusals the deciders throw, so the codes are spelled in one way.</summary>
public static class Refuse
{
    /// <summary>A rule violation with a stable <paramref name="code"/>.</summary>
    public static RuleViolationException Rule(string code, string message) => new(code, message);

    /// <summary>The aggregate has no event yet.</summary>
    public static NotFoundException NotFound(string kind, Guid id) =>
        new(kind, id.ToString("D", System.Globalization.CultureInfo.InvariantCulture));
}
