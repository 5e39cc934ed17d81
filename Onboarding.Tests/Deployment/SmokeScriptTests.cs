using System.Diagnostics;
using Xunit.Abstractions;
using Onboarding.LocalHost.Durable;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Deployment;

/// <summary>
/// <c>scripts/smoke.sh</c>, the check an operator runs right after a deploy, run as it is against the
/// local host on the real Durable Task engine (Azure Storage provider on Azurite): every check passes
/// and the journey reaches verified. Against a host that believes a forged platform principal it
/// fails and says which check.
/// </summary>
public sealed class SmokeScriptTests(ITestOutputHelper log)
{
    const string Origin = "https://frontend.smoke.example";

    [Fact]
    public async Task Smoke_AgainstTheLocalHost_EveryCheckPassesAndTheJourneyIsVerified()
    {
        await using LocalHostInstance host = await LocalHostInstance.StartAsync(DurableBackend.AzureStorage, new Dictionary<string, string?>
        {
            ["Cors:AllowedOrigins:0"] = Origin,
        });

        (int exitCode, string output) = await RunAsync(host, LocalHostInstance.OperatorKey);
        log.WriteLine(output);

        Assert.True(exitCode == 0, output);
        Assert.DoesNotContain("FAIL", output, StringComparison.Ordinal);
        foreach (string check in new[] { "health", "security headers on a 404", "forged X-MS-CLIENT-PRINCIPAL gets 401", "operator key opens an operator route",
            $"CORS: {Origin} is answered", "journey: event stream delivers a status", "journey: deposit amounts -> verified" })
        {
            Assert.Contains($"PASS  {check}", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Smoke_HostBelievingAForgedPrincipal_FailsAndNamesTheCheck()
    {
        // A host told to believe the principal header although no platform strips it from requests.
        await using LocalHostInstance host = await LocalHostInstance.StartAsync(DurableBackend.InMemory, new Dictionary<string, string?>
        {
            ["Operator:TrustPlatformPrincipal"] = "true",
            ["Onboarding:EnableDevelopmentRoutes"] = "false",
        });

        (int exitCode, string output) = await RunAsync(host, operatorKey: null);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("FAIL  forged X-MS-CLIENT-PRINCIPAL gets 401", output, StringComparison.Ordinal);
        Assert.Contains("STOP  no development routes here", output, StringComparison.Ordinal);
        Assert.Contains("PASS  journey: cancel", output, StringComparison.Ordinal);
    }

    static async Task<(int ExitCode, string Output)> RunAsync(LocalHostInstance host, string? operatorKey)
    {
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("scripts/smoke.sh");
        start.ArgumentList.Add(host.BaseAddress.ToString().TrimEnd('/'));
        if (operatorKey is not null)
        {
            start.ArgumentList.Add(operatorKey);
        }

        start.Environment["SMOKE_ORIGIN"] = Origin;
        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> errors = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"scripts/smoke.sh ran longer than 4 minutes:\n{await output}");
        }

        return (process.ExitCode, await output + await errors);
    }
}
