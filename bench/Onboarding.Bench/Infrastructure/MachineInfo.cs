using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Onboarding.Bench.Infrastructure;

/// <summary>The machine a run was measured on.</summary>
public sealed record MachineInfo(int Cores, string Memory, string Os, string Runtime, string Sdk, string Azurite, string Cpu, string LoadAverage)
{
    public static MachineInfo Collect(string repositoryRoot) => new(
        Environment.ProcessorCount,
        ReadMemory(),
        OsName(),
        RuntimeInformation.FrameworkDescription,
        Run("dotnet", "--version") ?? "?",
        AzuriteVersion(repositoryRoot),
        CpuModel(),
        ReadLoadAverage());

    public static string ReadLoadAverage() => ReadFirst("/proc/loadavg") is { } line ? string.Join(' ', line.Split(' ').Take(3)) : "?";

    static string ReadMemory()
    {
        string? total = File.Exists("/proc/meminfo") ? File.ReadLines("/proc/meminfo").FirstOrDefault(line => line.StartsWith("MemTotal:", StringComparison.Ordinal)) : null;
        if (total is null)
        {
            return "?";
        }

        double kib = double.Parse(total.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"{kib / 1024 / 1024:0.0} GiB");
    }

    static string OsName()
    {
        string? pretty = File.Exists("/etc/os-release")
            ? File.ReadLines("/etc/os-release").FirstOrDefault(line => line.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))
            : null;
        string name = pretty is null ? RuntimeInformation.OSDescription : pretty["PRETTY_NAME=".Length..].Trim('"');
        return $"{name} ({RuntimeInformation.OSArchitecture}, kernel {Environment.OSVersion.Version})";
    }

    static string CpuModel()
    {
        string? model = File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal)) : null;
        return model is null ? "?" : model[(model.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }

    static string AzuriteVersion(string root)
    {
        string package = Path.Combine(root, "node_modules", "azurite", "package.json");
        if (!File.Exists(package))
        {
            return "?";
        }

        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(package));
        return document.RootElement.GetProperty("version").GetString() ?? "?";
    }

    static string? ReadFirst(string path) => File.Exists(path) ? File.ReadLines(path).FirstOrDefault() : null;

    static string? Run(string file, string arguments)
    {
        try
        {
            using Process? process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, UseShellExecute = false });
            if (process is null)
            {
                return null;
            }

            string output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return output;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
