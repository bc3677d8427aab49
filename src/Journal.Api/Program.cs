using Journal.Api.Cli;
using Journal.Api.Hosting;

if (JournalCli.IsVerb(args))
{
    return await JournalCli.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
}

try
{
    var app = JournalHost.Build(args);
    await app.RunAsync();
    return 0;
}
catch (ConfigurationException ex)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return 2;
}

/// <summary>The entry point (a partial class so that tests can host it with WebApplicationFactory).</summary>
public partial class Program;
