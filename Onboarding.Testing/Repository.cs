using System.Reflection;

namespace Onboarding.Testing;

/// <summary>Where the repository and the built local host are.</summary>
public static class Repository
{
    /// <summary>The folder holding <c>Onboarding.sln</c>, above the bench's binaries or the current directory.</summary>
    public static string Root()
    {
        foreach (string start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (DirectoryInfo? folder = new(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "Onboarding.sln")))
                {
                    return folder.FullName;
                }
            }
        }

        throw new InvalidOperationException("Run the bench from inside the repository (no Onboarding.sln found above it).");
    }

    /// <summary>The bench's build configuration (Release or Debug): the local host is run from the same one.</summary>
    public static string Configuration =>
        typeof(Repository).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";

    /// <summary><c>Onboarding.LocalHost/bin/&lt;Config&gt;/net10.0/Onboarding.LocalHost.dll</c>.</summary>
    public static string LocalHostDll(string root) =>
        Path.Combine(root, "Onboarding.LocalHost", "bin", Configuration, "net10.0", "Onboarding.LocalHost.dll");
}
