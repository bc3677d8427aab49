namespace Journal.Domain.Retention;

/// <summary>Marker of the events of one legal hold's stream, <c>legalhold-{stream}</c>.</summary>
public interface ILegalHoldEvent;
