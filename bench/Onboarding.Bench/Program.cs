using System.Globalization;
using Onboarding.Bench.Chaos;
using Onboarding.Testing;
using Onboarding.Bench.Load;

namespace Onboarding.Bench;

/// <summary>
/// <code>
/// dotnet run -c Release --project bench/Onboarding.Bench -- load  [--users 20] [--think 0] [--warmup 30] [--duration 60] [--read-rate 200] [--read-seconds 20]
///                                                                 [--idle 60] [--storage-journeys N] [--event-journeys N] [--phases azure,reads,idle,inmemory,storage,burst,events]
///                                                                 [--set Name=Value]... [--out file.md]
/// dotnet run -c Release --project bench/Onboarding.Bench -- chaos [--scenario host|storage|messaging|bank|events|all] [--journeys 100] [--kills 5]
///                                                                 [--seed N] [--profile-window 45] [--kill-to S] [--faults-from 5]
///                                                                 [--pause-min 20] [--pause-max 60] [--storage-down 10]
///                                                                 [--messaging-fault 60] [--bank-fault 60] [--events-fault 60] [--set Name=Value]... [--out file.md]
/// </code>
/// Progress goes to stderr; the markdown block for docs/benchmarks.md goes to stdout (and to --out).
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.Error.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        string commandLine = "dotnet run -c Release --project bench/Onboarding.Bench -- " + string.Join(' ', args);
        try
        {
            return args[0] switch
            {
                "load" => await LoadAsync(args[1..], commandLine),
                "chaos" => await ChaosAsync(args[1..], commandLine),
                _ => throw new ArgumentException($"unknown command '{args[0]}'"),
            };
        }
        catch (ArgumentException exception)
        {
            Console.Error.WriteLine($"{exception.Message}\n\n{Usage}");
            return 2;
        }
    }

    const string Usage = """
        usage:
          load  [--users 20] [--think 0] [--warmup 30] [--duration 60] [--read-rate 200] [--read-seconds 20] [--idle 60]
                [--storage-journeys N] [--event-journeys N] [--phases azure,reads,idle,inmemory,storage,burst,events] [--set Name=Value]... [--out file.md]
          chaos [--scenario host|storage|messaging|bank|events|all] [--journeys 100] [--kills 5] [--seed N] [--profile-window 45]
                [--kill-to S] [--faults-from 5] [--pause-min 20] [--pause-max 60] [--storage-down 10]
                [--messaging-fault 60] [--bank-fault 60] [--events-fault 60] [--set Name=Value]... [--out file.md]
        Seconds are plain numbers. --set passes an environment setting to every local host (e.g. --set Durable__PartitionCount=2);
        --host-dll runs another build of Onboarding.LocalHost.dll (e.g. a copy made before a code change).
        """;

    static async Task<int> LoadAsync(string[] args, string commandLine)
    {
        var options = new LoadOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--users": options.Users = Int(value); break;
                case "--think": options.Think = Seconds(value); break;
                case "--duration": options.Duration = Seconds(value); break;
                case "--warmup": options.Warmup = Seconds(value); break;
                case "--read-rate": options.ReadRate = Int(value); break;
                case "--read-seconds": options.ReadDuration = Seconds(value); break;
                case "--idle": options.Idle = Seconds(value); break;
                case "--storage-journeys": options.StorageJourneys = Int(value); break;
                case "--event-journeys": options.EventJourneys = Int(value); break;
                case "--phases":
                    options.Phases = new HashSet<string>(value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.Ordinal);
                    if (options.Phases.Except(LoadOptions.AllPhases).FirstOrDefault() is { } unknown)
                    {
                        throw new ArgumentException($"unknown phase '{unknown}'");
                    }

                    break;
                case "--set": Set(options.Settings, value); break;
                case "--out": options.Out = value; break;
                case "--host-dll": options.HostDll = value; break;
                default: throw new ArgumentException($"unknown option '{args[i]}'");
            }

            i++;
        }

        LoadReport report = await new LoadBenchmark(options, Repository.Root(), Console.Error).RunAsync(commandLine);
        string markdown = LoadMarkdown.Render(report);
        Console.Out.Write(markdown);
        if (options.Out is not null)
        {
            await File.WriteAllTextAsync(options.Out, markdown);
        }

        return 0;
    }

    static async Task<int> ChaosAsync(string[] args, string commandLine)
    {
        var options = new ChaosOptions { Log = line => Console.Error.WriteLine(line) };
        string? output = null;
        for (int i = 0; i < args.Length; i++)
        {
            string value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--scenario": options.Scenario = Enum.TryParse(value, ignoreCase: true, out ChaosScenario scenario) ? scenario : throw new ArgumentException($"unknown scenario '{value}'"); break;
                case "--journeys": options.Journeys = Int(value); break;
                case "--kills": options.Kills = Int(value); break;
                case "--faults-from": options.FaultsFrom = Seconds(value); break;
                case "--pause-min": options.StoragePauseMin = Seconds(value); break;
                case "--pause-max": options.StoragePauseMax = Seconds(value); break;
                case "--storage-down": options.StorageDown = Seconds(value); break;
                case "--messaging-fault": options.MessagingFault = Seconds(value); break;
                case "--bank-fault": options.BankFault = Seconds(value); break;
                case "--events-fault": options.EventsFault = Seconds(value); break;
                case "--seed": options.Seed = Int(value); break;
                case "--profile-window": options.ProfileWindow = Seconds(value); break;
                case "--kill-to": options.KillTo = Seconds(value); break;
                case "--set": Set(options.Settings, value); break;
                case "--out": output = value; break;
                case "--host-dll": options.HostDll = value; break;
                default: throw new ArgumentException($"unknown option '{args[i]}'");
            }

            i++;
        }

        ChaosResult result = await new ChaosRun(options).RunAsync();
        string markdown = result.Markdown(commandLine);
        Console.Out.Write(markdown);
        if (output is not null)
        {
            await File.WriteAllTextAsync(output, markdown);
        }

        return result.Violations.Count == 0 ? 0 : 1;
    }

    static int Int(string value) => int.Parse(value, CultureInfo.InvariantCulture);

    static TimeSpan Seconds(string value) => TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture));

    static void Set(Dictionary<string, string> settings, string pair)
    {
        int equals = pair.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            throw new ArgumentException($"--set takes Name=Value, not '{pair}'");
        }

        settings[pair[..equals]] = pair[(equals + 1)..];
    }
}
