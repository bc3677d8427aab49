using Journal.CrashChild;

// Usage: Journal.CrashChild <tape path> <writers> <label>
// Opens the journal (tape, read models, projection daemon) and appends transcript entries from
// several concurrent writers as fast as it can, printing one line per acknowledged command:
//   ack <position> <entry id> <text>
// The reliability tests kill it with SIGKILL at random moments and then check the files.
if (args.Length != 3 || !int.TryParse(args[1], out var writers) || writers is < 1 or > 64)
{
    await Console.Error.WriteLineAsync("usage: Journal.CrashChild <tape path> <writers 1..64> <label>");
    return 2;
}

await using var appender = new Appender(args[0], writers, args[2]);
await appender.RunAsync(CancellationToken.None);
return 0;
