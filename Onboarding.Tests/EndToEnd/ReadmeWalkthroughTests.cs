using System.Diagnostics;
using System.Text.RegularExpressions;
using Onboarding.LocalHost.Durable;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.EndToEnd;

/// <summary>
/// The README's curl walkthrough, pasted into bash as it is (its two blocks, the host's address in
/// place of 7071): it reaches <c>verified</c>, twice in a row, and a step that fails says so.
/// </summary>
public sealed partial class ReadmeWalkthroughTests : IAsyncLifetime
{
    LocalHostInstance host = null!;

    public async Task InitializeAsync() => host = await LocalHostInstance.StartAsync(DurableBackend.InMemory);

    public async Task DisposeAsync() => await host.DisposeAsync();

    /// <summary>The bash blocks of the README's "Walkthrough with curl" section.</summary>
    static string Walkthrough()
    {
        string readme = File.ReadAllText(RepositoryRoot.File("README.md"));
        int start = readme.IndexOf("## Walkthrough with curl", StringComparison.Ordinal);
        int end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        string[] blocks = BashBlock().Matches(readme[start..end]).Select(match => match.Groups[1].Value).ToArray();
        Assert.True(blocks.Length >= 2, "the walkthrough has its two blocks");
        return string.Join("\n", blocks.Take(2));
    }

    static async Task<(int Exit, string Output)> PasteAsync(string script)
    {
        var bash = new ProcessStartInfo("bash") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        using Process process = Process.Start(bash)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> errors = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(script);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await errors);
    }

    [Fact]
    public async Task Walkthrough_PastedTwiceInARow_ReachesVerifiedEachTime()
    {
        string script = Walkthrough().Replace("http://127.0.0.1:7071", host.BaseAddress.ToString().TrimEnd('/'), StringComparison.Ordinal);

        for (int run = 1; run <= 2; run++)
        {
            (_, string output) = await PasteAsync(script);

            Assert.DoesNotContain("*** FAILED", output, StringComparison.Ordinal);
            Assert.EndsWith("\"ending\":null}", output.TrimEnd(), StringComparison.Ordinal);
            Assert.Contains("\"stage\":\"verified\"", output.TrimEnd().Split('\n')[^1], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Walkthrough_AStepFails_SaysSoLoudly()
    {
        // Nothing listens here: the first call fails, and every step after it says that it failed.
        string script = Walkthrough().Replace("http://127.0.0.1:7071", "http://127.0.0.1:9", StringComparison.Ordinal);

        (_, string output) = await PasteAsync(script);

        Assert.Contains("*** FAILED: curl -X POST http://127.0.0.1:9/api/journeys", output, StringComparison.Ordinal);
        Assert.DoesNotContain("\"stage\":\"verified\"", output, StringComparison.Ordinal);
    }

    [GeneratedRegex("```bash\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex BashBlock();
}
