using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Text.Json;
using System.Xml.Linq;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Infrastructure;

/// <summary>
/// The Bicep CLI from the NuGet package the test project downloads at restore
/// (<c>PackageDownload</c> in Onboarding.Tests.csproj): found in the NuGet global packages
/// folder, never downloaded at test time, no az CLI.
/// </summary>
public sealed class BicepCli
{
    const string PackageId = "Azure.Bicep.CommandLine.linux-x64";
    static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    BicepCli(string executable) => Executable = executable;

    public string Executable { get; }

    /// <summary>Finds the CLI of the version the test project pins, making it executable if the package lost the mode bit.</summary>
    public static BicepCli Find()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.OSArchitecture != Architecture.X64)
        {
            throw new PlatformNotSupportedException($"{PackageId} runs on linux-x64 only; this is {RuntimeInformation.RuntimeIdentifier}.");
        }

        string version = PinnedVersion();
        string relative = Path.Combine(PackageId.ToLowerInvariant(), version, "tools", "bicep");
        List<string> roots = PackageRoots().ToList();
        string? executable = roots.Select(root => Path.Combine(root, relative)).FirstOrDefault(File.Exists);
        if (executable is null)
        {
            throw new FileNotFoundException(
                $"The Bicep CLI {version} ({relative}) is in none of the NuGet package folders [{string.Join(", ", roots)}]. "
                + "Restore the test project first: dotnet build Onboarding.sln.");
        }

        return new BicepCli(EnsureExecutable(executable, version));
    }

    /// <summary>Runs <c>bicep</c> with <paramref name="arguments"/> from the repository root.</summary>
    public async Task<BicepRun> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The parameters files read ONBOARDING_* variables (the HMAC key, the SMS sender): build
        // them as a fresh shell would, so that no secret of this machine ends up in the output.
        foreach (string name in start.Environment.Keys.Where(key => key.StartsWith("ONBOARDING_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Executable}.");
        Task<string> standardOutput = process.StandardOutput.ReadToEndAsync();
        Task<string> standardError = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`bicep {string.Join(' ', arguments)}` ran longer than {Timeout}.");
        }

        return new BicepRun(string.Join(' ', arguments), process.ExitCode, await standardOutput, await standardError);
    }

    /// <summary>The version in the test project's <c>PackageDownload</c>, e.g. <c>[0.49.2]</c>.</summary>
    static string PinnedVersion()
    {
        XDocument project = XDocument.Load(RepositoryRoot.File("Onboarding.Tests", "Onboarding.Tests.csproj"));
        string? range = project.Descendants("PackageDownload")
            .Where(item => string.Equals((string?)item.Attribute("Include"), PackageId, StringComparison.OrdinalIgnoreCase))
            .Select(item => (string?)item.Attribute("Version"))
            .FirstOrDefault();
        return range?.Trim('[', ']', ' ')
            ?? throw new InvalidOperationException($"Onboarding.Tests.csproj has no <PackageDownload Include=\"{PackageId}\" Version=\"[x.y.z]\" />.");
    }

    /// <summary>
    /// Where NuGet keeps packages, most specific first: the NUGET_PACKAGES variable, the folders
    /// the test project was restored with (project.assets.json, which honours nuget.config), and
    /// the default ~/.nuget/packages.
    /// </summary>
    static IEnumerable<string> PackageRoots()
    {
        if (Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } variable)
        {
            yield return variable;
        }

        string assets = RepositoryRoot.File("Onboarding.Tests", "obj", "project.assets.json");
        if (File.Exists(assets))
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllText(assets));
            if (document.RootElement.TryGetProperty("packageFolders", out JsonElement folders) && folders.ValueKind == JsonValueKind.Object)
            {
                foreach (JsonProperty folder in folders.EnumerateObject())
                {
                    yield return folder.Name;
                }
            }
        }

        yield return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
    }

    /// <summary>
    /// NuGet extracts packages without Unix modes on some machines. Set the execute bit in place,
    /// or, where the packages folder is read-only, run a copy from the temp folder.
    /// </summary>
    [SupportedOSPlatform("linux")]
    static string EnsureExecutable(string executable, string version)
    {
        const UnixFileMode Execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        UnixFileMode mode = File.GetUnixFileMode(executable);
        if ((mode & UnixFileMode.UserExecute) != 0)
        {
            return executable;
        }

        try
        {
            File.SetUnixFileMode(executable, mode | Execute);
            return executable;
        }
        catch (Exception exception) when (exception is UnauthorizedAccessException or IOException)
        {
            string copy = Path.Combine(Path.GetTempPath(), $"onboarding-bicep-{version}", "bicep");
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            if (!File.Exists(copy) || new FileInfo(copy).Length != new FileInfo(executable).Length)
            {
                File.Copy(executable, copy, overwrite: true);
            }

            File.SetUnixFileMode(copy, UnixFileMode.UserRead | UnixFileMode.UserWrite | Execute);
            return copy;
        }
    }
}
