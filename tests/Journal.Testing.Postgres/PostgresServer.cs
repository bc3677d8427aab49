using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Journal.Testing.Postgres;

/// <summary>
/// A throwaway PostgreSQL server for the tests: <c>initdb</c> into a temporary directory, <c>pg_ctl start</c> on a
/// free loopback port with trust authentication for the <c>journal</c> superuser, and an immediate stop and removal
/// at the end. initdb refuses to run as root, so under root the server's commands run as the <c>postgres</c> user
/// (<c>runuser</c>) and the directory is handed to it. The binaries are found by <c>JOURNAL_PG_BIN</c>, then the
/// PATH, then Debian's <c>/usr/lib/postgresql/*/bin</c>; without them the tests fail saying how to install them.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string ServiceUser = "postgres";
    private const string Superuser = "journal";

    private readonly string _directory;
    private readonly string _bin;
    private readonly bool _asServiceUser;

    private PostgresServer(string bin, string directory, int port, bool asServiceUser)
    {
        _bin = bin;
        _directory = directory;
        Port = port;
        _asServiceUser = asServiceUser;
    }

    /// <summary>The port the server listens on, on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>A connection string to <paramref name="database"/> on this server.</summary>
    public string ConnectionString(string database = "postgres") =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = Superuser, Database = database }.ConnectionString;

    /// <summary>Initializes and starts a server; throws with an installation hint when the binaries are missing.</summary>
    public static async Task<PostgresServer> StartAsync(CancellationToken ct = default)
    {
        var bin = FindBinaries();
        var asServiceUser = Environment.UserName == "root";
        var directory = Path.Combine(Path.GetTempPath(), "journal-pg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        if (asServiceUser)
        {
            await RunAsync("chown", [ServiceUser + ":" + ServiceUser, directory], ct);
            RestoreDevNull();
        }

        var server = new PostgresServer(bin, directory, FreePort(), asServiceUser);
        try
        {
            await server.PgAsync("initdb", ["-D", server.Data, "-U", Superuser, "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C"], ct);
            await server.StartAgainAsync(ct);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the server (again, after <see cref="StopAsync"/>) on the same port and data.</summary>
    public Task StartAgainAsync(CancellationToken ct = default) => PgAsync(
        "pg_ctl",
        ["-D", Data, "-l", Path.Combine(_directory, "server.log"), "-w", "-t", "60", "-o", $"-p {Port} -k {_directory} -c listen_addresses=127.0.0.1", "start"],
        ct);

    /// <summary>Stops the server the way an outage would (<c>immediate</c>: connections are cut, nothing is flushed politely).</summary>
    public Task StopAsync(CancellationToken ct = default) => PgAsync("pg_ctl", ["-D", Data, "-m", "immediate", "-w", "stop"], ct);

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken ct = default)
    {
        // Not pooled: a pooled connection may have died with a restart (StopAsync) since it was last used.
        await using var connection = new NpgsqlConnection(ConnectionString() + ";Pooling=false");
        await connection.OpenAsync(ct);
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
        await create.ExecuteNonQueryAsync(ct);
        return ConnectionString(name);
    }

    /// <summary>Stops the server at once (no checkpoint: the data is thrown away) and removes its directory.</summary>
    public async ValueTask DisposeAsync()
    {
        if (File.Exists(Path.Combine(Data, "postmaster.pid")))
        {
            try
            {
                await PgAsync("pg_ctl", ["-D", Data, "-m", "immediate", "-w", "stop"], CancellationToken.None);
            }
            catch (InvalidOperationException)
            {
                // Already gone; the directory still goes.
            }
        }

        Directory.Delete(_directory, recursive: true);
    }

    private string Data => Path.Combine(_directory, "data");

    private Task PgAsync(string tool, IReadOnlyList<string> arguments, CancellationToken ct) =>
        _asServiceUser
            ? RunAsync("runuser", ["-u", ServiceUser, "--", Path.Combine(_bin, tool), .. arguments], ct)
            : RunAsync(Path.Combine(_bin, tool), arguments, ct);

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken ct)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {program}");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited {process.ExitCode}: {await error}{await output}");
        }
    }

    private static string FindBinaries()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("JOURNAL_PG_BIN") is { Length: > 0 } configured)
        {
            candidates.Add(configured);
        }

        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql").OrderDescending(StringComparer.Ordinal).Select(v => Path.Combine(v, "bin")));
        }

        return candidates.FirstOrDefault(c => File.Exists(Path.Combine(c, "initdb")) && File.Exists(Path.Combine(c, "pg_ctl")))
            ?? throw new InvalidOperationException(
                "PostgreSQL server binaries (initdb, pg_ctl) were not found in JOURNAL_PG_BIN, on the PATH or under /usr/lib/postgresql/*/bin. " +
                "Install them (Debian: apt-get install postgresql-15) or set JOURNAL_PG_BIN to the directory holding them.");
    }

    /// <summary>
    /// initdb's shell redirects to <c>/dev/null</c> as the service user; a machine where that device lost its
    /// standard mode (0666: some tool chmod-ed it) makes every initdb fail with "cannot open /dev/null". Root gives
    /// the device its standard mode back rather than fail every PostgreSQL test for an unrelated reason.
    /// </summary>
    private static void RestoreDevNull()
    {
        const UnixFileMode Standard = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;
        if (OperatingSystem.IsLinux() && File.Exists("/dev/null") && (File.GetUnixFileMode("/dev/null") & Standard) != Standard)
        {
            File.SetUnixFileMode("/dev/null", Standard);
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
