using System.Text.Json;
using Onboarding.Application.Events;

namespace Onboarding.Tests.Events;

/// <summary>The CloudEvent a kept event becomes, as the topic and the replay carry it (README "What you receive").</summary>
public sealed class JourneyEventCloudEventTests
{
    const string JourneyId = "0f3c9a6d2b7e4f18a5c1d2e3f4a5b6c7";

    [Fact]
    public void ToCloudEvent_KeptEvent_EveryAttributeWithTheSequenceAsZeroPaddedText()
    {
        var kept = new JourneyEvent(JourneyId, 6, JourneyId + "-v9", JourneyEventTypes.Verified, new DateTimeOffset(2026, 12, 6, 10, 4, 31, TimeSpan.Zero), "{\"stage\":\"verified\"}", null);

        JsonElement json = JsonSerializer.SerializeToElement(kept.ToCloudEvent("/onboarding/journeys"));

        Assert.Equal(
            ["id", "source", "type", "data", "time", "specversion", "datacontenttype", "subject", "sequence"],
            json.EnumerateObject().Select(property => property.Name));
        Assert.Equal(JourneyId + "-v9", json.GetProperty("id").GetString());
        Assert.Equal("/onboarding/journeys/" + JourneyId, json.GetProperty("source").GetString());
        Assert.Equal("verified", json.GetProperty("data").GetProperty("stage").GetString());
        Assert.Equal("2026-12-06T10:04:31+00:00", json.GetProperty("time").GetString());
        Assert.Equal("1.0", json.GetProperty("specversion").GetString());
        Assert.Equal("application/json", json.GetProperty("datacontenttype").GetString());
        Assert.Equal(JourneyId, json.GetProperty("subject").GetString());
        Assert.Equal("0000000006", json.GetProperty("sequence").GetString());
    }

    [Fact]
    public void ToCloudEvent_TwiceFromTheSameKeptEvent_TheSameJson()
    {
        var kept = new JourneyEvent(JourneyId, 1, JourneyId + "-v1", JourneyEventTypes.Started, new DateTimeOffset(2026, 12, 6, 10, 0, 0, TimeSpan.Zero), "{}", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");

        Assert.Equal(JsonSerializer.Serialize(kept.ToCloudEvent("/s")), JsonSerializer.Serialize(kept.ToCloudEvent("/s")));
        Assert.Contains("\"traceparent\":\"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01\"", JsonSerializer.Serialize(kept.ToCloudEvent("/s")), StringComparison.Ordinal);
    }
}
