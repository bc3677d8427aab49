namespace Journal.Domain.Runs;

/// <summary>Marker of the events of one run's stream, <c>run-{runId}</c>.</summary>
public interface IRunEvent;
