using System.Diagnostics;

namespace Onboarding.Testing;

/// <summary>
/// An Azurite of the bench's own (from the repository's <c>node_modules</c>, installed by
/// <c>npm ci</c>): free ports, a fresh data folder, stopped with SIGKILL by PID like
/// <c>scripts/common.sh</c> does. The chaos run pauses it (SIGSTOP) and restarts it on the same
/// ports and data. With a debug log, every storage request is written to it,
/// which is how the bench counts requests per journey.
/// </summary>
public sealed class AzuriteProcess : IDisposable
{
    const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    readonly ProcessStartInfo start;
    readonly int blob, queue, table;
    Process process = null!;

    AzuriteProcess(ProcessStartInfo start, string dataFolder, string? debugLog, int blob, int queue, int table)
    {
        this.start = start;
        this.blob = blob;
        this.queue = queue;
        this.table = table;
        DataFolder = dataFolder;
        DebugLog = debugLog;
        ConnectionString = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};"
            + $"BlobEndpoint=http://127.0.0.1:{blob}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queue}/devstoreaccount1;"
            + $"TableEndpoint=http://127.0.0.1:{table}/devstoreaccount1;";
    }

    public string ConnectionString { get; }

    public string DataFolder { get; }

    /// <summary>The file Azurite writes every request to (<c>--debug</c>), or null.</summary>
    public string? DebugLog { get; }

    public int ProcessId => process.Id;

    public static async Task<AzuriteProcess> StartAsync(string repositoryRoot, bool debugLog = false)
    {
        string azurite = Path.Combine(repositoryRoot, "node_modules", ".bin", "azurite");
        if (!File.Exists(azurite))
        {
            throw new InvalidOperationException($"Azurite is not installed ({azurite} is missing): run `npm ci` in {repositoryRoot} first.");
        }

        int blob = Ports.Free(), queue = Ports.Free(), table = Ports.Free();
        string data = Directory.CreateTempSubdirectory("onboarding-bench-azurite-").FullName;
        string? debug = debugLog ? Path.Combine(data, "debug.log") : null;
        var start = new ProcessStartInfo(azurite)
        {
            ArgumentList =
            {
                "--silent", "--skipApiVersionCheck", "--loose", "--disableTelemetry", "--location", data,
                "--blobHost", "127.0.0.1", "--blobPort", $"{blob}",
                "--queueHost", "127.0.0.1", "--queuePort", $"{queue}",
                "--tableHost", "127.0.0.1", "--tablePort", $"{table}",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (debug is not null)
        {
            start.ArgumentList.Add("--debug");
            start.ArgumentList.Add(debug);
        }

        var azuriteProcess = new AzuriteProcess(start, data, debug, blob, queue, table);
        await azuriteProcess.LaunchAsync();
        return azuriteProcess;
    }

    /// <summary>Starts the process and waits until its three ports listen.</summary>
    async Task LaunchAsync()
    {
        Process started = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        started.OutputDataReceived += (_, _) => { };
        started.ErrorDataReceived += (_, _) => { };
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        process = started;
        ChildProcesses.Track(started);

        var waited = Stopwatch.StartNew();
        while (!(Ports.Listening(blob) && Ports.Listening(queue) && Ports.Listening(table)))
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(30) || started.HasExited)
            {
                Dispose();
                throw new InvalidOperationException("Azurite did not start listening within 30 s.");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>SIGSTOP: Azurite keeps its connections and ports but answers nothing — storage that hangs.</summary>
    public void Pause() => Signal("STOP");

    /// <summary>SIGCONT after <see cref="Pause"/>: it answers what waited, then goes on.</summary>
    public void Resume() => Signal("CONT");

    /// <summary>
    /// Stops Azurite (SIGTERM, so it saves its databases: a SIGKILL loses the writes of its last ~5 s,
    /// LokiJS's autosave interval, which real storage never does), leaves it down for
    /// <paramref name="downFor"/>, and starts it again on the same ports and data folder. Returns
    /// whether it stopped cleanly within 10 s (else it was killed).
    /// </summary>
    public async Task<bool> RestartAsync(TimeSpan downFor)
    {
        Process running = process;
        Signal("TERM");
        bool clean = running.WaitForExit(10_000);
        if (!clean)
        {
            running.Kill();
            running.WaitForExit(10_000);
        }

        ChildProcesses.Forget(running);
        running.Dispose();
        await Task.Delay(downFor);
        await LaunchAsync();
        return clean;
    }

    void Signal(string signal)
    {
        using Process kill = Process.Start("kill", ["-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])
            ?? throw new InvalidOperationException("kill did not start");
        kill.WaitForExit();
    }

    /// <summary>SIGKILL by PID (Azurite may ignore SIGTERM), then the data folder goes.</summary>
    public void Dispose()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill();
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }

        ChildProcesses.Forget(process);
        process.Dispose();
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
        catch (UnauthorizedAccessException)
        {
            // best effort
        }
    }
}
