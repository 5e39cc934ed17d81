using System.Diagnostics;
using System.Security.Cryptography;

namespace Onboarding.Testing;

/// <summary>
/// The local host as a child process (<c>dotnet Onboarding.LocalHost.dll</c>, as <c>./run.sh</c>
/// starts it), configured only by environment variables. Killable with SIGKILL and restartable
/// on the same port, task hub, WorkerId, tables and keys. The bench and the tests use it.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    string hostDll;
    readonly Dictionary<string, string> environment;
    readonly HashSet<string> removedVariables;
    readonly StreamWriter log;
    readonly Lock logLock = new();
    Process? process;

    /// <param name="hostDll">Path of <c>Onboarding.LocalHost.dll</c>.</param>
    /// <param name="storageConnectionString">Azurite (or Azure Storage) for the tables and the task hub.</param>
    /// <param name="settings">More environment variables (Journey__*, Durable__*), applied last.</param>
    /// <param name="logFile">Where the host's console output goes.</param>
    public HostProcess(string hostDll, string storageConnectionString, IReadOnlyDictionary<string, string>? settings, string logFile)
    {
        if (!File.Exists(hostDll))
        {
            throw new FileNotFoundException($"The local host is not built: {hostDll} is missing.", hostDll);
        }

        this.hostDll = hostDll;
        int port = Ports.Free();
        string suffix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));
        string acsKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        string topicKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        OperatorKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        TaskHub = "bench" + suffix;
        TablePrefix = "b" + suffix;
        string url = BaseAddress.ToString().TrimEnd('/');
        environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Urls"] = url,
            ["Onboarding__PublicBaseUrl"] = url,
            ["Onboarding__HmacKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Onboarding__LookupKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Onboarding__FieldKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Storage__ConnectionString"] = storageConnectionString,
            ["Storage__TablePrefix"] = TablePrefix,
            ["Messaging__ConnectionString"] = $"endpoint={url}/acs/;accesskey={acsKey}",
            ["LocalAcs__AccessKey"] = acsKey,
            ["Events__TopicEndpoint"] = url + "/eventgrid/api/events",
            ["Events__AccessKey"] = topicKey,
            ["LocalEventGrid__AccessKey"] = topicKey,
            ["Operator__Key"] = OperatorKey,
            ["Durable__TaskHub"] = TaskHub,
            ["Durable__WorkerId"] = "bench-" + suffix,
        };
        foreach ((string key, string value) in TestLimits.Raised)
        {
            environment["Limits__" + key] = value;
        }

        removedVariables = new HashSet<string>(StringComparer.Ordinal);
        foreach ((string key, string value) in settings ?? new Dictionary<string, string>())
        {
            if (value.Length == 0)
            {
                environment.Remove(key);
                removedVariables.Add(key); // an empty value: the variable is not set at all (e.g. DOTNET_PROCESSOR_COUNT)
            }
            else
            {
                environment[key] = value;
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(logFile))!);
        LogFile = logFile;
        log = new StreamWriter(logFile, append: true) { AutoFlush = true };
        Http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), MaxConnectionsPerServer = 512 })
        {
            BaseAddress = BaseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    /// <summary>
    /// A deploy: the next <see cref="StartAsync"/> runs another build of the local host, with the
    /// same port, task hub, WorkerId, tables and keys. The process must be stopped.
    /// </summary>
    public void Deploy(string otherHostDll)
    {
        if (process is not null)
        {
            throw new InvalidOperationException("Stop the running build before deploying another.");
        }

        if (!File.Exists(otherHostDll))
        {
            throw new FileNotFoundException($"The build to deploy is missing: {otherHostDll}.", otherHostDll);
        }

        hostDll = otherHostDll;
    }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    public string OperatorKey { get; }

    public string TaskHub { get; }

    public string TablePrefix { get; }

    public string LogFile { get; }

    public int ProcessId => process?.Id ?? 0;

    /// <summary>Starts the process and waits for <c>/api/health</c>; returns how long that took.</summary>
    public async Task<TimeSpan> StartAsync(TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { hostDll },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(hostDll)!,
        };
        foreach (string key in removedVariables)
        {
            start.Environment.Remove(key);
        }

        foreach ((string key, string value) in environment)
        {
            start.Environment[key] = value;
        }

        var waited = Stopwatch.StartNew();
        Write($"---- start {DateTime.UtcNow:O}");
        process = Process.Start(start) ?? throw new InvalidOperationException("the local host did not start");
        ChildProcesses.Track(process);
        process.OutputDataReceived += (_, line) => Write(line.Data);
        process.ErrorDataReceived += (_, line) => Write(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        TimeSpan limit = timeout ?? TimeSpan.FromSeconds(90);
        using var probe = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        while (waited.Elapsed < limit)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the local host exited with {process.ExitCode}; its output is in {LogFile}");
            }

            try
            {
                using HttpResponseMessage health = await probe.GetAsync("/api/health");
                if (health.IsSuccessStatusCode)
                {
                    return waited.Elapsed;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // slow to answer while starting
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"the local host did not answer /api/health within {limit.TotalSeconds:0} s; its output is in {LogFile}");
    }

    /// <summary>SIGKILL: no shutdown, no flush — a crash.</summary>
    public void Kill()
    {
        if (process is null)
        {
            return;
        }

        Write($"---- SIGKILL {DateTime.UtcNow:O}");
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // already gone
        }

        process.WaitForExit();
        ChildProcesses.Forget(process);
        process.Dispose();
        process = null;
    }

    /// <summary>SIGTERM and a wait for a clean stop (then SIGKILL if it did not stop): whether it stopped cleanly within <paramref name="within"/> (15 s).</summary>
    public async Task<bool> StopAsync(TimeSpan? within = null)
    {
        if (process is null)
        {
            return true;
        }

        Write($"---- SIGTERM {DateTime.UtcNow:O}");
        using (Process? signal = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            signal?.WaitForExit();
        }

        using var limit = new CancellationTokenSource(within ?? TimeSpan.FromSeconds(15));
        try
        {
            await process.WaitForExitAsync(limit.Token);
            ChildProcesses.Forget(process);
            process.Dispose();
            process = null;
            return true;
        }
        catch (OperationCanceledException)
        {
            Kill(); // did not stop in time
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Http.Dispose();
        lock (logLock)
        {
            log.Dispose();
        }
    }

    void Write(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (logLock)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // the host wrote after the bench closed its log
            }
        }
    }
}
