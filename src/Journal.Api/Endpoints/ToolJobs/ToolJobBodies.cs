using Journal.Domain.ToolJobs;

namespace Journal.Api.Endpoints.ToolJobs;

/// <summary>Body of <c>POST /v1/tool-jobs</c>.</summary>
/// <param name="SessionId">The session it serves.</param>
/// <param name="JobId">The new job's id; the journal picks one when left out.</param>
/// <param name="RunId">The run that asks for it, optional.</param>
/// <param name="Arguments">The tool's arguments (usually JSON text), optional.</param>
public sealed record QueueToolJobBody(Guid SessionId, string ToolName, Guid? JobId = null, Guid? RunId = null, string? Arguments = null);

/// <summary>Body of <c>POST /v1/tool-jobs/{jobId}/output</c>.</summary>
/// <param name="Stream">Stdout or Stderr.</param>
/// <param name="Text">The chunk.</param>
/// <param name="MaxTailBytes">How many bytes of output tail the job's state keeps.</param>
public sealed record AppendToolJobOutputBody(ToolOutputStream Stream, string Text, int MaxTailBytes = ToolJobLimits.DefaultTailBytes);

/// <summary>Body of <c>POST /v1/tool-jobs/{jobId}/complete</c> (optional).</summary>
/// <param name="ExitCode">The process exit code, optional.</param>
public sealed record CompleteToolJobBody(int? ExitCode = null);

/// <summary>Body of <c>POST /v1/tool-jobs/{jobId}/fail</c>.</summary>
/// <param name="Reason">Why.</param>
/// <param name="ExitCode">The process exit code, optional.</param>
public sealed record FailToolJobBody(string Reason, int? ExitCode = null);

/// <summary>Body of <c>POST /v1/tool-jobs/{jobId}/cancel</c> (optional).</summary>
/// <param name="Reason">Why, optional.</param>
public sealed record CancelToolJobBody(string? Reason = null);
