using System.Text.Json;
using Onboarding.Tests.Contract;

namespace Onboarding.Tests.Infrastructure;

/// <summary>
/// What the Functions host refuses when it indexes the app, read from the build's
/// <c>functions.metadata</c> instead of at start-up on Azure. The rules are the host's own
/// (Azure/azure-functions-host, src/WebJobs.Script/Host/ScriptHost.cs, <c>ValidateHttpFunction</c> and
/// <c>HttpRoutesConflict</c>): a route may not start with <c>admin</c> or <c>runtime</c> (compared
/// trimmed of slashes, lower case; the route prefix is empty here), and two functions may not share a
/// route (case-insensitively) with a method in common. A timer takes NCRONTAB with seconds: six fields.
/// (RouteAgreementTests checks the activity names against the journey's list.)
/// </summary>
public sealed class FunctionsMetadataTests
{
    [Fact]
    public void Routes_NoneStartsWithAPrefixTheHostReserves()
    {
        string[] reserved = FunctionsMetadata.Load().HttpTriggers()
            .Select(trigger => trigger.Trigger.Route ?? trigger.Function.Name)
            .Where(route => route.Trim('/').ToLowerInvariant() is var trimmed && (trimmed.StartsWith("admin", StringComparison.Ordinal) || trimmed.StartsWith("runtime", StringComparison.Ordinal)))
            .Distinct()
            .ToArray();

        Assert.Empty(reserved);
    }

    [Fact]
    public void Routes_NoTwoFunctionsShareARouteAndAMethod()
    {
        var conflicts = new List<string>();
        foreach (var route in FunctionsMetadata.Load().HttpTriggers().GroupBy(trigger => (trigger.Trigger.Route ?? trigger.Function.Name).Trim('/').ToLowerInvariant()))
        {
            // Per function, its methods; none listed ("*") means every method.
            var methods = route.GroupBy(trigger => trigger.Function.Name)
                .ToDictionary(function => function.Key, function => function.Select(trigger => trigger.Route.Method.ToUpperInvariant()).ToHashSet());
            foreach ((string first, HashSet<string> mine) in methods)
            {
                foreach ((string second, HashSet<string> theirs) in methods.Where(other => string.CompareOrdinal(other.Key, first) > 0))
                {
                    if (mine.Contains("*") || theirs.Contains("*") || mine.Overlaps(theirs))
                    {
                        conflicts.Add($"{route.Key}: {first} and {second}");
                    }
                }
            }
        }

        Assert.True(conflicts.Count == 0, "The host refuses to start with:\n" + string.Join("\n", conflicts));
    }

    [Fact]
    public void Timers_EverySchedule_HasSixFields()
    {
        FunctionsMetadata metadata = FunctionsMetadata.Load();
        using JsonDocument raw = JsonDocument.Parse(File.ReadAllText(metadata.FilePath));
        string[] schedules = raw.RootElement.EnumerateArray()
            .SelectMany(function => function.GetProperty("bindings").EnumerateArray())
            .Where(binding => binding.GetProperty("type").GetString() == "timerTrigger")
            .Select(binding => binding.GetProperty("schedule").GetString()!)
            .ToArray();

        Assert.NotEmpty(schedules);
        Assert.All(schedules, schedule => Assert.Equal(6, schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length));
    }
}
