using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Onboarding.Tests.Support;

/// <summary>
/// The Azurite the tests use: the one <c>./test.sh</c> started (ONBOARDING_TEST_STORAGE), or,
/// when tests run on their own (an IDE, <c>dotnet test</c>), one started here from node_modules
/// on free ports with a fresh data folder, killed when the test process exits.
/// </summary>
public static class TestStorage
{
    const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    static readonly Lazy<string> Connection = new(Resolve);

    public static string ConnectionString => Connection.Value;

    static string Resolve()
    {
        string? fromScript = Environment.GetEnvironmentVariable("ONBOARDING_TEST_STORAGE");
        return string.IsNullOrEmpty(fromScript) ? StartAzurite() : fromScript;
    }

    static string StartAzurite()
    {
        string azurite = RepositoryRoot.File("node_modules", ".bin", "azurite");
        if (!File.Exists(azurite))
        {
            throw new InvalidOperationException("Azurite is not installed: run ./test.sh (or npm ci) first.");
        }

        int blob = FreePort(), queue = FreePort(), table = FreePort();
        string data = Directory.CreateTempSubdirectory("onboarding-azurite-").FullName;
        var start = new ProcessStartInfo(azurite)
        {
            ArgumentList =
            {
                "--silent", "--skipApiVersionCheck", "--loose", "--location", data,
                "--blobHost", "127.0.0.1", "--blobPort", $"{blob}",
                "--queueHost", "127.0.0.1", "--queuePort", $"{queue}",
                "--tableHost", "127.0.0.1", "--tablePort", $"{table}",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process process = Process.Start(start)!;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
                Directory.Delete(data, recursive: true);
            }
            catch (Exception exception) when (exception is InvalidOperationException or IOException or UnauthorizedAccessException)
            {
                // best effort: it is a temp folder
            }
        };

        var deadline = Stopwatch.StartNew();
        while (!(Listening(blob) && Listening(queue) && Listening(table)))
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(20) || process.HasExited)
            {
                throw new InvalidOperationException("Azurite did not start.");
            }

            Thread.Sleep(100);
        }

        return $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};"
            + $"BlobEndpoint=http://127.0.0.1:{blob}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queue}/devstoreaccount1;"
            + $"TableEndpoint=http://127.0.0.1:{table}/devstoreaccount1;";
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    static bool Listening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
