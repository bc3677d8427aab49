namespace Journal.Domain.ToolJobs;

/// <summary>One chunk of the output tail kept in a tool job's state.</summary>
/// <param name="Index">The chunk's number in the job, from 0.</param>
/// <param name="Stream">Stdout or stderr.</param>
/// <param name="ByteCount">Its size in UTF-8 bytes.</param>
public sealed record ToolOutputChunk(long Index, ToolOutputStream Stream, string Text, int ByteCount);
