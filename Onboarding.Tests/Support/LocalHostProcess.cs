using System.Diagnostics;
using System.Security.Cryptography;

namespace Onboarding.Tests.Support;

/// <summary>
/// The local host as its own process (<c>dotnet Onboarding.LocalHost.dll</c>, as <c>./run.sh</c>
/// starts it), configured only through environment variables. Killable, restartable on the same task hub.
/// </summary>
public sealed class LocalHostProcess : IAsyncDisposable
{
    readonly Dictionary<string, string> environment;
    Process? process;

    public LocalHostProcess(IDictionary<string, string>? settings = null)
    {
        int port = Onboarding.Bench.Infrastructure.Ports.Free();
        string suffix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));
        string acsKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        environment = new Dictionary<string, string>
        {
            ["Urls"] = BaseAddress.ToString().TrimEnd('/'),
            ["Onboarding__PublicBaseUrl"] = BaseAddress.ToString().TrimEnd('/'),
            ["Onboarding__HmacKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Storage__ConnectionString"] = TestStorage.ConnectionString,
            ["Storage__TablePrefix"] = "p" + suffix,
            ["Messaging__ConnectionString"] = $"endpoint={BaseAddress}acs/;accesskey={acsKey}",
            ["LocalAcs__AccessKey"] = acsKey,
            ["Durable__TaskHub"] = "proc" + suffix,
            ["Durable__WorkerId"] = "proc-" + suffix,
            ["Durable__MaxQueuePollingInterval"] = "00:00:00.500",
        };
        foreach ((string key, string value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    public async Task StartAsync()
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "Onboarding.LocalHost.dll");
        var start = new ProcessStartInfo("dotnet") { ArgumentList = { dll }, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach ((string key, string value) in environment)
        {
            start.Environment[key] = value;
        }

        process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(60))
        {
            Assert.False(process.HasExited, $"the local host exited with {(process.HasExited ? process.ExitCode : 0)}");
            try
            {
                using HttpResponseMessage health = await Http.GetAsync("/api/health");
                if (health.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(100);
        }

        Assert.Fail("the local host did not answer /api/health within 60 s");
    }

    /// <summary>SIGKILL: no shutdown, no flush — a crash.</summary>
    public void Kill()
    {
        process!.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    /// <summary>SIGTERM, as Ctrl+C in run.sh sends it; returns whether it exited within the time.</summary>
    public bool Terminate(TimeSpan within)
    {
        Process.Start("kill", ["-TERM", process!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
        return process.WaitForExit(within);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process?.Dispose();
    }
}
