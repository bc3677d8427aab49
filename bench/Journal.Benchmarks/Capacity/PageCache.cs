using System.Runtime.InteropServices;

namespace Journal.Benchmarks.Capacity;

/// <summary>
/// Drops a file's pages from the kernel's page cache (<c>fsync</c>, then <c>posix_fadvise(POSIX_FADV_DONTNEED)</c>),
/// so the next start reads the tape from the disk: a partly cold start (the runtime and the service's binaries stay
/// cached). No root needed, unlike <c>drop_caches</c>.
/// </summary>
internal static class PageCache
{
    private const int DontNeed = 4;

    /// <summary>Drops the pages of every file directly in <paramref name="directory"/>; false if the kernel refused for any.</summary>
    public static bool Drop(string directory)
    {
        var all = true;
        foreach (var path in Directory.EnumerateFiles(directory))
        {
            using var file = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite);
            RandomAccess.FlushToDisk(file);
            var fd = (int)file.DangerousGetHandle();
            all &= NativeMethods.posix_fadvise(fd, 0, 0, DontNeed) == 0;
        }

        return all;
    }

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = false)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int posix_fadvise(int fd, long offset, long length, int advice);
    }
}
