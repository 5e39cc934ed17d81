using System.Diagnostics;
using System.Globalization;

namespace Onboarding.Bench.Infrastructure;

/// <summary>CPU time used by the local host, Azurite and the bench over a phase (Linux /proc): where the two cores went.</summary>
public sealed class CpuMeter
{
    const double TicksPerSecond = 100; // USER_HZ on Linux
    readonly int hostPid;
    readonly int azuritePid;
    readonly TimeSpan hostStart, azuriteStart, benchStart, machineStart;
    readonly Stopwatch wall = Stopwatch.StartNew();

    public CpuMeter(int hostPid, int azuritePid)
    {
        this.hostPid = hostPid;
        this.azuritePid = azuritePid;
        hostStart = Of(hostPid);
        azuriteStart = Of(azuritePid);
        benchStart = Process.GetCurrentProcess().TotalProcessorTime;
        machineStart = Machine();
    }

    public CpuUse Stop() => new(
        wall.Elapsed.TotalSeconds,
        (Of(hostPid) - hostStart).TotalSeconds,
        (Of(azuritePid) - azuriteStart).TotalSeconds,
        (Process.GetCurrentProcess().TotalProcessorTime - benchStart).TotalSeconds,
        (Machine() - machineStart).TotalSeconds);

    /// <summary>utime + stime of a process (and its waited-for children), from /proc/&lt;pid&gt;/stat.</summary>
    static TimeSpan Of(int pid)
    {
        string path = $"/proc/{pid}/stat";
        if (pid == 0 || !File.Exists(path))
        {
            return TimeSpan.Zero;
        }

        try
        {
            string stat = File.ReadAllText(path);
            string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            double ticks = double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / TicksPerSecond);
        }
        catch (IOException)
        {
            return TimeSpan.Zero;
        }
    }

    /// <summary>Busy CPU time of the whole machine (all processes, ours and others'), from /proc/stat.</summary>
    static TimeSpan Machine()
    {
        if (!File.Exists("/proc/stat"))
        {
            return TimeSpan.Zero;
        }

        string[] cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // user nice system idle iowait irq softirq steal: busy = all but idle and iowait
        double busy = new[] { 1, 2, 3, 6, 7, 8 }.Sum(i => double.Parse(cpu[i], CultureInfo.InvariantCulture));
        return TimeSpan.FromSeconds(busy / TicksPerSecond);
    }
}

/// <summary>CPU seconds over a phase of <see cref="WallSeconds"/>.</summary>
public sealed record CpuUse(double WallSeconds, double Host, double Azurite, double Bench, double Machine)
{
    /// <summary>Busy CPU of processes that are not ours (other work on the machine).</summary>
    public double Others => Math.Max(0, Machine - Host - Azurite - Bench);

    public string Describe(double per, string unit) => string.Create(CultureInfo.InvariantCulture,
        $"host {Host / per * 1000:0} ms, Azurite {Azurite / per * 1000:0} ms, bench {Bench / per * 1000:0} ms per {unit}; over {WallSeconds:0} s the machine's 2 cores were busy {Machine / WallSeconds * 100 / Environment.ProcessorCount:0} % (other processes {Others / WallSeconds * 100 / Environment.ProcessorCount:0} %)");
}
