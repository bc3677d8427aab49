using System.CommandLine;
using Journal.Api.Http.Auth;

namespace Journal.Api.Cli;

/// <summary>
/// <c>hash-key</c>: reads an API key from standard input (its first line) and prints the SHA-256 hex
/// to configure as <c>Journal:ApiKeys:N:Sha256</c>, so the key itself is never written into configuration.
/// </summary>
internal static class HashKeyCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("hash-key", "Print the SHA-256 (hex) of an API key read from standard input");
        command.SetAction(async (_, ct) =>
        {
            var key = (await context.Input.ReadLineAsync(ct))?.Trim();
            if (string.IsNullOrEmpty(key))
            {
                await context.Error.WriteLineAsync("hash-key reads the key from standard input: echo -n \"$KEY\" | journal hash-key");
                return ExitCodes.BadInput;
            }

            await context.Output.WriteLineAsync(ApiKey.HashHex(key));
            return ExitCodes.Ok;
        });
        return command;
    }
}
