using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Journal.EventStore.Verification.Start;

/// <summary>
/// What tells one tape file from another copied or restored to the same path: its device and inode on Linux.
/// A file's "creation time" is no use here: on Linux .NET falls back to the last status change, which every
/// write moves. Elsewhere (or when the call fails) there is none, and the journal id and the hash at the mark
/// decide alone.
/// </summary>
public static class TapeFileIdentity
{
    private const int AtFdCwd = -100;
    private const uint StatxIno = 0x100;
    private const int StatxSize = 256;

    /// <summary>The identity of the file at <paramref name="path"/>, as <c>dev:major:minor:ino</c>; null where it cannot be read.</summary>
    public static string? Of(string path)
    {
        if (!OperatingSystem.IsLinux() || !File.Exists(path))
        {
            return null;
        }

        try
        {
            // struct statx has one layout on every architecture, so its fields are read at their fixed offsets.
            var buffer = new byte[StatxSize];
            if (Statx(AtFdCwd, Path.GetFullPath(path), 0, StatxIno, buffer) != 0)
            {
                return null;
            }

            var mask = BinaryPrimitives.ReadUInt32LittleEndian(buffer);
            if ((mask & StatxIno) == 0)
            {
                return null;
            }

            var inode = BinaryPrimitives.ReadUInt64LittleEndian(buffer.AsSpan(32));
            var major = BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(136));
            var minor = BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(140));
            return string.Create(CultureInfo.InvariantCulture, $"dev:{major}:{minor}:{inode}");
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    [DllImport("libc", EntryPoint = "statx")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Statx(int directory, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] buffer);
}
