using System.Globalization;
using System.Net;
using System.Text.Json;
using Onboarding.Bench.Users;
using Onboarding.Testing;

namespace Onboarding.Bench.Chaos;

/// <summary>
/// A journey's events after a chaos run: what Onboarding keeps (the operators' replay) must be numbered
/// 1..n without a gap and be exactly the types the script implies; the topic (the local stand-in,
/// <c>/dev/events</c>) must have taken every one of them, each id always with the same content as kept
/// (repeats, at least once, are counted, not faults).
/// </summary>
public static class EventCheck
{
    const string Prefix = "onboarding.journey.";

    /// <summary>The types a journey publishes when it plays <paramref name="script"/>, in order.</summary>
    public static string[] Expected(ChaosScript script, int cancelAfterSteps)
    {
        string[] registration = ["started", "phoneConfirmed", "emailConfirmed", "registered"];
        return script switch
        {
            ChaosScript.Verified or ChaosScript.Contested => [.. registration, "verificationStarted", "verified"],
            ChaosScript.Locked => [.. registration, "verificationStarted", "locked"],
            ChaosScript.Registered => registration,
            ChaosScript.Expired => [.. registration[..3], "expired"],
            _ => [.. registration.Append("verificationStarted").Take(cancelAfterSteps + 1), "cancelled"],
        };
    }

    /// <summary>Waits (until <paramref name="settleBy"/>) for the topic to have taken every kept event, then checks them.</summary>
    public static async Task<EventFindings> CheckAsync(Api api, HostProcess host, string journeyId, string[] expected, DateTime settleBy)
    {
        var operatorKey = new Dictionary<string, string> { ["x-functions-key"] = host.OperatorKey };
        while (true)
        {
            Answer replay = await api.SendAsync(() => Api.Request(HttpMethod.Get, $"/api/ops/journeys/{journeyId}/events", null, null, operatorKey));
            Answer taken = await api.SendAsync(() => Api.Request(HttpMethod.Get, $"/dev/events?subject={journeyId}", null, null));
            if (replay.Status != HttpStatusCode.OK || taken.Status != HttpStatusCode.OK)
            {
                throw new JourneyFailedException($"the events' routes answered {(int)replay.Status} and {(int)taken.Status}");
            }

            JsonElement[] kept = [.. replay.Json.GetProperty("events").EnumerateArray().Select(e => e.Clone())];
            JsonElement[] received = [.. taken.Json.EnumerateArray().Select(e => e.Clone())];
            var receivedIds = received.Select(Id).ToHashSet(StringComparer.Ordinal);
            int missing = kept.Count(e => !receivedIds.Contains(Id(e)));
            if ((kept.Length >= expected.Length && missing == 0) || DateTime.UtcNow > settleBy)
            {
                return Findings(kept, received, expected, missing);
            }

            await Task.Delay(500);
        }
    }

    static EventFindings Findings(JsonElement[] kept, JsonElement[] received, string[] expected, int missing)
    {
        var problems = new List<string>();
        int[] sequences = [.. kept.Select(Sequence)];
        bool gap = !sequences.SequenceEqual(Enumerable.Range(1, sequences.Length));
        if (gap)
        {
            problems.Add($"kept events numbered {string.Join(",", sequences)}: a gap");
        }

        string[] types = [.. kept.Select(e => e.GetProperty("type").GetString()!.Replace(Prefix, "", StringComparison.Ordinal))];
        if (!types.SequenceEqual(expected))
        {
            problems.Add($"kept events {string.Join(",", types)}, the script implies {string.Join(",", expected)}");
        }

        var content = kept.ToDictionary(Id, e => e, StringComparer.Ordinal);
        int conflicts = 0;
        foreach (JsonElement delivery in received)
        {
            if (!content.TryGetValue(Id(delivery), out JsonElement first))
            {
                content[Id(delivery)] = first = delivery;
                problems.Add($"the topic took {Id(delivery)}, which Onboarding does not keep");
            }

            if (!JsonElement.DeepEquals(first, delivery))
            {
                conflicts++;
                problems.Add($"event {Id(delivery)} went out with another content");
            }
        }

        if (missing > 0)
        {
            problems.Add($"{missing} kept event(s) never reached the topic");
        }

        return new EventFindings(kept.Length, received.Length, received.Length - received.Select(Id).Distinct(StringComparer.Ordinal).Count(), gap, conflicts, missing, problems);
    }

    static string Id(JsonElement cloudEvent) => cloudEvent.GetProperty("id").GetString()!;

    static int Sequence(JsonElement cloudEvent) => int.Parse(cloudEvent.GetProperty("sequence").GetString()!, CultureInfo.InvariantCulture);
}

/// <summary>One journey's events: how many kept and delivered, repeats, and what is wrong (empty: nothing).</summary>
public sealed record EventFindings(int Kept, int Deliveries, int Repeats, bool Gap, int Conflicts, int Missing, IReadOnlyList<string> Problems);
