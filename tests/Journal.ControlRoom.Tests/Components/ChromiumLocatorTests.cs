using Journal.ControlRoom.Tests.Browser;

namespace Journal.ControlRoom.Tests.Components;

public sealed class ChromiumLocatorTests
{
    [Fact]
    public void JOURNAL_CHROMIUM_comes_first_when_it_names_a_file()
    {
        var file = Path.GetTempFileName();
        try
        {
            Assert.Equal(file, ChromiumLocator.Find(name => name == ChromiumLocator.Variable ? file : "/nonexistent-bin"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void JOURNAL_CHROMIUM_naming_no_file_fails_with_one_line_saying_how_to_install()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ChromiumLocator.Find(name => name == ChromiumLocator.Variable ? "/nonexistent/chromium" : null));

        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains("/nonexistent/chromium", error.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install -y chromium", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Chromium_on_the_PATH_is_found_there()
    {
        var directory = Directory.CreateTempSubdirectory("journal-path-");
        try
        {
            var chromium = Path.Combine(directory.FullName, "chromium");
            File.WriteAllText(chromium, string.Empty);

            Assert.Equal(chromium, ChromiumLocator.Find(name => name == "PATH" ? $"/nonexistent-bin{Path.PathSeparator}{directory.FullName}" : null));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
