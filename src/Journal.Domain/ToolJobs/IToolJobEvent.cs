namespace Journal.Domain.ToolJobs;

/// <summary>Marker of the events of one tool job's stream, <c>tooljob-{jobId}</c>.</summary>
public interface IToolJobEvent;
