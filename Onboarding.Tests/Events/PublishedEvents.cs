using System.Net;
using System.Text.Json;
using Onboarding.Tests.Operators;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Events;

/// <summary>A journey's events two ways: what the local topic took (<c>/dev/events</c>), and what Onboarding keeps (the operators' replay).</summary>
public sealed class PublishedEvents(HttpClient http)
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    readonly OperatorClient operators = new(http);

    /// <summary>Every delivery the topic took of the journey's events, in arrival order (a repeat shows twice).</summary>
    public async Task<JsonElement[]> ReceivedAsync(string journeyId)
    {
        using HttpResponseMessage response = await http.GetAsync($"/dev/events?subject={journeyId}");
        JsonElement body = await JourneyDriver.ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. body.EnumerateArray().Select(e => e.Clone())];
    }

    /// <summary>The operators' replay from <paramref name="from"/>: <c>events</c> and <c>lastSequence</c>.</summary>
    public Task<JsonElement> ReplayAsync(string journeyId, int from = 1) => operators.GetAsync($"/api/ops/journeys/{journeyId}/events?from={from}");

    /// <summary>
    /// Waits until the journey has recorded at least <paramref name="count"/> events and the topic took
    /// every one of them; returns what it took, one per id in sequence order, after checking that
    /// each id always came with the same content, the content Onboarding keeps.
    /// </summary>
    public async Task<JsonElement[]> WaitForAsync(string journeyId, int count)
    {
        DateTime giveUp = DateTime.UtcNow + Patience;
        while (true)
        {
            JsonElement[] kept = [.. (await ReplayAsync(journeyId)).GetProperty("events").EnumerateArray()];
            JsonElement[] received = await ReceivedAsync(journeyId);
            var ids = received.Select(Id).ToHashSet(StringComparer.Ordinal);
            if (kept.Length >= count && kept.All(e => ids.Contains(Id(e))))
            {
                AssertSameContentPerId(received, kept);
                return [.. received.DistinctBy(Id).OrderBy(Sequence)];
            }

            Assert.True(DateTime.UtcNow < giveUp, $"after {Patience.TotalSeconds} s the journey kept {kept.Length} event(s), the topic took {ids.Count} of them (waiting for {count})");
            await Task.Delay(200);
        }
    }

    /// <summary>No id with two contents: among the deliveries, and between a delivery and what Onboarding keeps.</summary>
    public static void AssertSameContentPerId(IEnumerable<JsonElement> received, IEnumerable<JsonElement> kept)
    {
        var byId = kept.ToDictionary(Id, e => e.GetRawText(), StringComparer.Ordinal);
        foreach (JsonElement delivery in received)
        {
            string id = Id(delivery);
            Assert.True(byId.TryAdd(id, delivery.GetRawText()) || JsonElement.DeepEquals(JsonDocument.Parse(byId[id]).RootElement, delivery),
                $"event {id} came with another content:\n{byId[id]}\n{delivery.GetRawText()}");
        }
    }

    public static string Id(JsonElement cloudEvent) => cloudEvent.GetProperty("id").GetString()!;

    public static int Sequence(JsonElement cloudEvent) => int.Parse(cloudEvent.GetProperty("sequence").GetString()!, System.Globalization.CultureInfo.InvariantCulture);

    public static string Type(JsonElement cloudEvent) => cloudEvent.GetProperty("type").GetString()!["onboarding.journey.".Length..];
}
