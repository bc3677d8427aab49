using Journal.Domain.Runs;

namespace Journal.Api.Endpoints.Runs;

/// <summary>Body of <c>POST /v1/runs</c>.</summary>
/// <param name="SessionId">Its session; it must exist and not be archived.</param>
/// <param name="Kind">Foreground, Background or Delegated.</param>
/// <param name="RunId">The new run's id; the journal picks one when left out.</param>
/// <param name="ParentRunId">For a delegated run, the run that delegated it.</param>
public sealed record AcceptRunBody(Guid SessionId, RunKind Kind, Guid? RunId = null, Guid? ParentRunId = null);

/// <summary>Body of <c>POST /v1/runs/{runId}/complete</c> (optional).</summary>
/// <param name="Summary">A short outcome, optional.</param>
public sealed record CompleteRunBody(string? Summary = null);

/// <summary>Body of <c>POST /v1/runs/{runId}/fail</c>.</summary>
/// <param name="Reason">Why it failed.</param>
public sealed record FailRunBody(string Reason);

/// <summary>Body of <c>POST /v1/runs/{runId}/cancel</c> (optional).</summary>
/// <param name="Reason">Why, optional.</param>
public sealed record CancelRunBody(string? Reason = null);

/// <summary>Body of <c>POST /v1/runs/{runId}/cancel-request</c> (optional).</summary>
/// <param name="RequestedBy">Who asks, optional.</param>
public sealed record RequestRunCancelBody(string? RequestedBy = null);

/// <summary>Body of <c>POST /v1/runs/{runId}/tokens</c>: tokens used since the last record.</summary>
/// <param name="InputTokens">Input tokens, never negative.</param>
/// <param name="OutputTokens">Output tokens, never negative.</param>
public sealed record RecordRunTokensBody(long InputTokens, long OutputTokens);
