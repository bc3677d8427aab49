namespace Journal.EventStore.Maintenance;

/// <summary>The result of one maintenance step.</summary>
/// <param name="Name">Which step, such as <c>tape.wal_checkpoint</c>.</param>
/// <param name="Ok">Whether it succeeded.</param>
/// <param name="Detail">What it found or did.</param>
public sealed record MaintenanceStep(string Name, bool Ok, string Detail);
