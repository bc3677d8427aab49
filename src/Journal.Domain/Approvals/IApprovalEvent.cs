namespace Journal.Domain.Approvals;

/// <summary>Marker of the events of one approval's stream, <c>approval-{approvalId}</c>.</summary>
public interface IApprovalEvent;
