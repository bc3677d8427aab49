namespace Journal.Domain.Retention;

/// <summary>Whether a stream is on legal hold.</summary>
/// <param name="Held">True between a placement and its release.</param>
public sealed record LegalHoldState(bool Held);
