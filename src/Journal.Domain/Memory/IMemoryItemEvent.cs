namespace Journal.Domain.Memory;

/// <summary>Marker of the events of one memory item's stream, <c>memory-{itemId}</c>.</summary>
public interface IMemoryItemEvent;
