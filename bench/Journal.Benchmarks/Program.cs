using Journal.Benchmarks.Commands;

var quick = args.Contains("--quick");
switch (args.FirstOrDefault())
{
    case "commands":
        Console.WriteLine(await TranscriptAppendBenchmark.RunAsync(quick));
        break;
    default:
        Console.WriteLine("usage: Journal.Benchmarks <verb> [--quick]");
        Console.WriteLine("  commands   transcript append latency: entries 1-100 vs 9,901-10,000, with a raw SQLite baseline");
        break;
}
