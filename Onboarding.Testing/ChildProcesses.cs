using System.Collections.Concurrent;
using System.Diagnostics;

namespace Onboarding.Testing;

/// <summary>
/// The processes the bench started (Azurite, local hosts). If the bench itself ends early
/// (Ctrl+C, an exception), each of them is killed by its own PID, so nothing is left running.
/// </summary>
public static class ChildProcesses
{
    static readonly ConcurrentDictionary<int, Process> Running = new();
    static int hooked;

    public static void Track(Process process)
    {
        if (Interlocked.Exchange(ref hooked, 1) == 0)
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
            Console.CancelKeyPress += (_, _) => KillAll();
        }

        Running[process.Id] = process;
    }

    public static void Forget(Process process) => Running.TryRemove(process.Id, out _);

    static void KillAll()
    {
        foreach (Process process in Running.Values)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill();
                }
            }
            catch (InvalidOperationException)
            {
                // already gone
            }
        }
    }
}
