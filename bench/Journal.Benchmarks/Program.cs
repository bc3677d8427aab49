using Journal.Benchmarks.Tape;

return args.FirstOrDefault() switch
{
    "tape" => await TapeBenchmarks.RunAsync(args.Skip(1).ToArray()).ConfigureAwait(false),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Journal.Benchmarks tape [--quick] [--only append-1,append-16,append-100,verify-1m]");
    return 2;
}
