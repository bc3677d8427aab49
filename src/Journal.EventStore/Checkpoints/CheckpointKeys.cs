using System.Security.Cryptography;
using Journal.EventStore.Storage;

namespace Journal.EventStore.Checkpoints;

/// <summary>ECDSA P-256 keys for signed checkpoints, as PEM files.</summary>
public static class CheckpointKeys
{
    /// <summary>
    /// Makes a new key pair: the private key (PKCS#8 PEM) at <paramref name="privateKeyPath"/>, created
    /// owner-only (0600) and never overwritten, and the public key (SubjectPublicKeyInfo PEM) at
    /// <paramref name="publicKeyPath"/>, to hand to whoever verifies.
    /// </summary>
    /// <exception cref="IOException">A file exists there already.</exception>
    public static void Generate(string privateKeyPath, string publicKeyPath)
    {
        StoragePaths.Validate(privateKeyPath, "key");
        StoragePaths.Validate(publicKeyPath, "public key");
        if (File.Exists(privateKeyPath) || File.Exists(publicKeyPath))
        {
            throw new IOException($"'{(File.Exists(privateKeyPath) ? privateKeyPath : publicKeyPath)}' exists already; a key is never overwritten");
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        StoragePaths.EnsureDirectory(privateKeyPath);
        StoragePaths.EnsureOwnerOnlyFile(privateKeyPath);
        File.WriteAllText(privateKeyPath, key.ExportPkcs8PrivateKeyPem() + "\n");
        StoragePaths.EnsureDirectory(publicKeyPath);
        File.WriteAllText(publicKeyPath, key.ExportSubjectPublicKeyInfoPem() + "\n");
    }

    /// <summary>Loads a key (private or public) from a PEM file.</summary>
    /// <exception cref="FileNotFoundException">No file there.</exception>
    /// <exception cref="ArgumentException">The file holds no P-256 key.</exception>
    public static ECDsa Load(string path)
    {
        StoragePaths.Validate(path, "key");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"there is no key file at '{Path.GetFullPath(path)}'", path);
        }

        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(File.ReadAllText(path));
            if (key.KeySize != 256)
            {
                throw new ArgumentException($"'{path}' holds a {key.KeySize}-bit key; checkpoints use P-256");
            }

            return key;
        }
        catch (CryptographicException ex)
        {
            key.Dispose();
            throw new ArgumentException($"'{path}' holds no readable ECDSA key: {ex.Message}", ex);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }
}
