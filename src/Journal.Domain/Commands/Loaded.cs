namespace Journal.Domain.Commands;

/// <summary>An aggregate's state as of its stream version.</summary>
/// <typeparam name="TState">The decider's state.</typeparam>
/// <param name="Version">The stream version it reflects (0 when the stream does not exist).</param>
/// <param name="Position">The tape position of the stream's last event (0 when none).</param>
public sealed record Loaded<TState>(TState State, long Version, long Position);
