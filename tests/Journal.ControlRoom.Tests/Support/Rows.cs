using Journal.Domain.Approvals;
using Journal.Projections.Approvals;
using Journal.Projections.Sessions;

namespace Journal.ControlRoom.Tests.Support;

/// <summary>Read-model rows for component tests.</summary>
public static class Rows
{
    private static readonly DateTimeOffset At = new(2026, 1, 31, 12, 0, 0, TimeSpan.Zero);

    public static SessionView Session(string principal, string channel, string state = SessionStates.Active, string? label = null) =>
        new(Guid.NewGuid(), principal, "laptop", channel, null, label, state, At, At, null, null, null, 0, 0, null, 1, 1);

    public static ApprovalRow Pending(string summary, ApprovalScope scope = ApprovalScope.Once) =>
        new(Guid.NewGuid(), Guid.NewGuid(), "tool.shell", "rm -rf build", summary, scope, null, At.AddHours(1), ApprovalStatus.Pending, null, null, null, false, null, At, null, 1, 3);
}
