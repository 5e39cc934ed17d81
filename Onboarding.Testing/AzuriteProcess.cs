using System.Diagnostics;

namespace Onboarding.Testing;

/// <summary>
/// An Azurite of the bench's own (from the repository's <c>node_modules</c>, installed by
/// <c>npm ci</c>): free ports, a fresh data folder, stopped with SIGKILL by PID like
/// <c>scripts/common.sh</c> does. With a debug log, every storage request is written to it,
/// which is how the bench counts requests per journey.
/// </summary>
public sealed class AzuriteProcess : IDisposable
{
    const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    readonly Process process;

    AzuriteProcess(Process process, string dataFolder, string? debugLog, int blob, int queue, int table)
    {
        this.process = process;
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

        Process process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var azuriteProcess = new AzuriteProcess(process, data, debug, blob, queue, table);
        ChildProcesses.Track(process);

        var waited = Stopwatch.StartNew();
        while (!(Ports.Listening(blob) && Ports.Listening(queue) && Ports.Listening(table)))
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(30) || process.HasExited)
            {
                azuriteProcess.Dispose();
                throw new InvalidOperationException("Azurite did not start listening within 30 s.");
            }

            await Task.Delay(100);
        }

        return azuriteProcess;
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
