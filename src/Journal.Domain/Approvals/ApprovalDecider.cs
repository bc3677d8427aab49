using Journal.Domain.Deciding;
using Journal.Domain.Tape;
using Journal.Domain.Errors;

namespace Journal.Domain.Approvals;

/// <summary>
/// Decides the commands of one approval. Stream: <c>approval-{approvalId}</c>.
/// <para>
/// Remembered decisions (scope <see cref="ApprovalScope.Session"/> or <see cref="ApprovalScope.Timeboxed"/>, or a
/// <see cref="ApprovalScope.Once"/> request the approver widened to the session with <see cref="DecideApproval.RememberForSession"/>)
/// need no aggregate of their own: nothing on the write side is ever refused because of them (a newer
/// decision simply supersedes an older one), so there is no invariant for a stream to guard. Instead
/// <see cref="ApprovalDecided"/> carries the session, the subject, the scope and the end of the time
/// box, which makes it durable on the tape and self-sufficient for a <c>remembered_approvals</c> read
/// model keyed by (session, subject type, subject id) to answer "is there a remembered allow now?";
/// <see cref="ApprovalState.RemembersAllow"/> states the same rule on the write side.
/// </para>
/// </summary>
public static class ApprovalDecider
{
    /// <summary>The stream of one aggregate: <c>approval-{approvalId}</c>.</summary>
    public static StreamId StreamFor(Guid approvalId) =>
        StreamId.For("approval", approvalId.ToString("D", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The state before the first event.</summary>
    public static ApprovalState Initial { get; } = new(
        false, Guid.Empty, Guid.Empty, string.Empty, string.Empty, ApprovalScope.Once, null, default, ApprovalStatus.Pending, null);

    /// <summary>This decider as a value, for the store's one call per command.</summary>
    public static Decider<ApprovalCommand, ApprovalState, IApprovalEvent> Value { get; } = new(c => StreamFor(c.ApprovalId), Initial, Decide, Evolve);

    /// <summary>Decides <paramref name="command"/> against <paramref name="state"/>.</summary>
    /// <returns>The events to append; empty when the command changes nothing.</returns>
    /// <exception cref="ValidationException">A field is invalid.</exception>
    /// <exception cref="NotFoundException">The approval does not exist (code <c>approval.not_found</c>).</exception>
    /// <exception cref="RuleViolationException">
    /// <c>approval.already_exists</c>, <c>approval.already_decided</c>, <c>approval.expired</c>, <c>approval.not_expired</c>,
    /// <c>approval.remember_not_once</c>.
    /// </exception>
    public static IReadOnlyList<IApprovalEvent> Decide(ApprovalCommand command, ApprovalState state) => command switch
    {
        RequestApproval c => Request(c, state),
        DecideApproval c => DecideOne(c, Existing(state, c.ApprovalId)),
        ExpireApproval c => Expire(c, Existing(state, c.ApprovalId)),
        _ => throw new ArgumentException($"unknown approval command {command.GetType().Name}", nameof(command)),
    };

    /// <summary>Applies one event.</summary>
    public static ApprovalState Evolve(ApprovalState state, IApprovalEvent @event) => @event switch
    {
        ApprovalRequested e => new ApprovalState(
            true, e.ApprovalId, e.SessionId, e.SubjectType, e.SubjectId, e.Scope, e.DurationSeconds, e.ExpiresAt, ApprovalStatus.Pending, null),
        ApprovalDecided e => state with
        {
            Status = e.Decision == ApprovalDecision.Allow ? ApprovalStatus.Allowed : ApprovalStatus.Denied,
            RememberedUntil = e.RememberedUntil,

            // The state's scope is how far the answer reaches: a widened one-off answer reaches the session.
            Scope = e.Reach(),
        },
        ApprovalTimedOut => state with { Status = ApprovalStatus.TimedOut },
        _ => state,
    };

    private static IApprovalEvent[] Request(RequestApproval c, ApprovalState state)
    {
        Require.Id(c.ApprovalId, nameof(c.ApprovalId));
        Require.Id(c.SessionId, nameof(c.SessionId));
        var subjectType = Require.Key(c.SubjectType, nameof(c.SubjectType), ApprovalLimits.SubjectTypeMaxLength);
        var subjectId = Require.Text(c.SubjectId, nameof(c.SubjectId), ApprovalLimits.SubjectIdMaxLength);
        var summary = Require.Text(c.Summary, nameof(c.Summary), ApprovalLimits.SummaryMaxLength);
        if (!Enum.IsDefined(c.Scope))
        {
            throw new ValidationException(nameof(c.Scope), "is not a known scope");
        }

        if (c.Scope == ApprovalScope.Timeboxed && c.DurationSeconds is not (> 0 and <= ApprovalLimits.MaxDurationSeconds))
        {
            throw new ValidationException(nameof(c.DurationSeconds), $"must be between 1 and {ApprovalLimits.MaxDurationSeconds} for a time-boxed scope");
        }

        if (c.Scope != ApprovalScope.Timeboxed && c.DurationSeconds is not null)
        {
            throw new ValidationException(nameof(c.DurationSeconds), "is only for a time-boxed scope");
        }

        if (c.ExpiresAt <= c.At)
        {
            throw new ValidationException(nameof(c.ExpiresAt), "must be later than now");
        }

        if (state.Exists)
        {
            throw Refuse.Rule("approval.already_exists", $"approval {c.ApprovalId} exists already");
        }

        return [new ApprovalRequested(c.ApprovalId, c.SessionId, subjectType, subjectId, summary, c.Scope, c.DurationSeconds, c.ExpiresAt, c.At)];
    }

    private static IApprovalEvent[] DecideOne(DecideApproval c, ApprovalState state)
    {
        if (!Enum.IsDefined(c.Decision))
        {
            throw new ValidationException(nameof(c.Decision), "is not a known decision");
        }

        var by = Require.Text(c.DecidedBy, nameof(c.DecidedBy), ApprovalLimits.DecidedByMaxLength);
        var reason = Require.OptionalText(c.Reason, nameof(c.Reason), ApprovalLimits.ReasonMaxLength);
        if (state.Status is ApprovalStatus.Allowed or ApprovalStatus.Denied)
        {
            throw Refuse.Rule("approval.already_decided", $"approval {state.ApprovalId} was decided already");
        }

        if (state.Status == ApprovalStatus.TimedOut || c.At >= state.ExpiresAt)
        {
            throw Refuse.Rule("approval.expired", $"approval {state.ApprovalId} expired at {state.ExpiresAt:O}");
        }

        if (c.RememberForSession && state.Scope != ApprovalScope.Once)
        {
            // A session-long answer is remembered already; a time-boxed one was boxed on purpose by the requester.
            throw Refuse.Rule("approval.remember_not_once", $"approval {state.ApprovalId} was requested with scope {state.Scope}: only a one-off (Once) request can be remembered for the session");
        }

        var remembered = state.Scope != ApprovalScope.Once || c.RememberForSession;
        DateTimeOffset? until = state.Scope == ApprovalScope.Timeboxed ? c.At.AddSeconds(state.DurationSeconds!.Value) : null;
        bool? widened = c.RememberForSession ? true : null;
        return [new ApprovalDecided(state.ApprovalId, state.SessionId, state.SubjectType, state.SubjectId, state.Scope, c.Decision, by, reason, remembered, until, c.At, widened)];
    }

    private static IApprovalEvent[] Expire(ExpireApproval c, ApprovalState state)
    {
        if (state.Status != ApprovalStatus.Pending)
        {
            return [];
        }

        if (c.At < state.ExpiresAt)
        {
            throw Refuse.Rule("approval.not_expired", $"approval {state.ApprovalId} expires only at {state.ExpiresAt:O}");
        }

        return [new ApprovalTimedOut(state.ApprovalId, state.SessionId, c.At)];
    }

    private static ApprovalState Existing(ApprovalState state, Guid approvalId) =>
        state.Exists ? state : throw Refuse.NotFound("approval", approvalId);
}
