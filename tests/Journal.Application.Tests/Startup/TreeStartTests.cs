using Journal.Application.Startup;
using Journal.Domain.Sessions;
using Journal.EventStore;
using Journal.EventStore.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace Journal.Application.Tests.Startup;

public sealed class TreeStartTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("journal-treestart-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task StartAsync_opens_the_tree_so_its_side_file_exists_before_any_proof_is_asked()
    {
        var options = new JournalStoreOptions { DatabasePath = Path.Combine(_directory, "journal.db") };
        var provider = new ServiceCollection().AddJournalTape(options, typeof(SessionDecider).Assembly).BuildServiceProvider();
        await using (provider)
        {
            var sideFile = Path.Combine(_directory, "merkle.db");
            Assert.False(File.Exists(sideFile));

            await new TreeStart(provider).StartAsync(CancellationToken.None);

            Assert.True(File.Exists(sideFile));
            Assert.Equal(0, (await provider.GetRequiredService<ITapeTree>().HeadAsync(0, CancellationToken.None)).Size);
        }
    }
}
