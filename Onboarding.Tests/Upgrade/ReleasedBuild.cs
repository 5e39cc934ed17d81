using System.Diagnostics;
using Onboarding.Application.Orchestration;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Upgrade;

/// <summary>
/// An earlier build of the local host, made from the repository's own history: the commit's tree
/// (<c>git archive</c>) built in a folder of its own, kept under the temp folder so a second run
/// reuses it. Needs the commit in the clone: a shallow clone lacks it and the test says so.
/// </summary>
public sealed record ReleasedBuild(string Commit, string Version, string Description)
{
    static readonly SemaphoreSlim Building = new(1, 1);

    /// <summary>The builds listed in <c>Upgrade/released-builds.txt</c>.</summary>
    public static IReadOnlyList<ReleasedBuild> Listed() =>
        File.ReadAllLines(RepositoryRoot.File("Onboarding.Tests", "Upgrade", "released-builds.txt"))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(parts => new ReleasedBuild(parts[0], parts[1], parts[2]))
            .ToArray();

    /// <summary>The path of this build's <c>Onboarding.LocalHost.dll</c>, built first if needed.</summary>
    public async Task<string> HostDllAsync()
    {
        string folder = Path.Combine(Path.GetTempPath(), "onboarding-released-builds", Commit);
        string dll = Path.Combine(folder, "Onboarding.LocalHost", "bin", "Debug", "net10.0", "Onboarding.LocalHost.dll");
        await Building.WaitAsync();
        try
        {
            if (File.Exists(dll))
            {
                return dll;
            }

            if ((await RunAsync("git", RepositoryRoot.Path, "cat-file", "-e", Commit + "^{commit}")).ExitCode != 0)
            {
                Assert.Fail($"The released build {Commit} is not in this clone (a shallow clone?): the upgrade test builds it from the repository's history. Fetch the full history (git fetch --unshallow).");
            }

            string building = folder + ".building";
            if (Directory.Exists(building))
            {
                Directory.Delete(building, recursive: true);
            }

            Directory.CreateDirectory(building);
            string archive = Path.Combine(Path.GetTempPath(), $"onboarding-{Commit}.tar");
            await RequireAsync("git", RepositoryRoot.Path, "archive", "--format=tar", "-o", archive, Commit);
            await RequireAsync("tar", building, "-xf", archive);
            File.Delete(archive);
            await RequireAsync("dotnet", building, "build", Path.Combine("Onboarding.LocalHost", "Onboarding.LocalHost.csproj"), "-c", "Debug", "--nologo", "-v", "quiet", "-clp:ErrorsOnly");
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }

            Directory.Move(building, folder);
            return dll;
        }
        finally
        {
            Building.Release();
        }
    }

    /// <summary>The orchestration version its journeys run on, as the task hub records it ("" before versioning).</summary>
    public string JourneyVersion => Version == "1" ? JourneyVersions.V1 : Version;

    public override string ToString() => $"{Commit[..8]} (journey version {Version})";

    static async Task RequireAsync(string command, string folder, params string[] arguments)
    {
        (int exitCode, string output) = await RunAsync(command, folder, arguments);
        Assert.True(exitCode == 0, $"{command} {string.Join(' ', arguments)} failed ({exitCode}):\n{output}");
    }

    static async Task<(int ExitCode, string Output)> RunAsync(string command, string folder, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await errors);
    }
}
