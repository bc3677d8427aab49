namespace Journal.Projections.Runtime;

/// <summary>
/// A projection that builds something derived (a full-text index) once at the end of a rebuild instead
/// of keeping it up to date event by event. While a rebuild replays the tape into the projection's empty
/// tables, <see cref="ReadModelWriter.Replaying"/> is true and the projection may skip that work;
/// <see cref="FinishReplay"/> then runs once, in its own transaction, after the last replayed event and
/// before the new generation is sealed and switched to. From then on the projection applies events live,
/// with <see cref="ReadModelWriter.Replaying"/> false.
/// </summary>
public interface IReplayFinisher
{
    /// <summary>Builds what the replay left out, from the projection's own tables.</summary>
    void FinishReplay(ReadModelWriter db);
}
