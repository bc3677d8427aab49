using Journal.Domain.Tape;

namespace Journal.Domain.Commands;

/// <summary>A caller's expectation of one stream's version (an HTTP <c>If-Match</c>).</summary>
/// <param name="Expected">The version it must be at (<see cref="ExpectedVersion.StreamExists"/> for <c>*</c>).</param>
public sealed record Precondition(StreamId Stream, ExpectedVersion Expected);
