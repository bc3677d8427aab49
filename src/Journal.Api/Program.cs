using Journal.Api.Cli;
using Journal.Api.Hosting;

if (JournalCli.IsVerb(args))
{
    return await JournalCli.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
}

try
{
    var app = JournalHost.Build(JournalCli.ServiceArguments(args));
    await app.RunAsync();
    return 0;
}
catch (ConfigurationException ex)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return 2;
}
catch (Journal.EventStore.Schema.SchemaException ex)
{
    // A file this code cannot open or upgrade (newer schema, another build, a row a migration refuses): the message names it.
    await Console.Error.WriteLineAsync($"{ex.Code}: {ex.Message}");
    return 2;
}
catch (Journal.EventStore.Storage.StorageException ex)
{
    // A data directory held by another process or that cannot be written, or a damaged tape: the message names the path.
    await Console.Error.WriteLineAsync($"{ex.Code}: {ex.Message}");
    return 2;
}
catch (IOException ex) when (ex.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
{
    // The port was taken after the start-up check (Kestrel's message names the address).
    await Console.Error.WriteLineAsync(ex.Message);
    return 2;
}

/// <summary>The entry point (a partial class so that tests can host it with WebApplicationFactory).</summary>
public partial class Program;
