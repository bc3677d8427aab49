namespace Journal.Projections.Runtime;

/// <summary>
/// A projection of the tape itself rather than of what its events say (events per minute): the engine hands
/// it every event, whatever its type, and decodes no payload for it (its <see cref="ProjectedEvent.Payload"/>
/// is null unless another projection decoded that event already). Its <see cref="IProjection.EventTypes"/>
/// stays empty: it costs no decoding, on replay or live, only its own <see cref="IProjection.Apply"/>.
/// </summary>
public interface IEveryEventProjection : IProjection;
