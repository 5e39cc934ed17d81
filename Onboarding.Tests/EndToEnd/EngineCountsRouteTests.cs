using System.Net;
using System.Text.Json;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.EndToEnd;

/// <summary><c>GET /dev/engine</c>, which the benchmark reads: what the engine did, counted as it happens.</summary>
[Collection(AzureStorageHostCollection.Name)]
public sealed class EngineCountsRouteTests(AzureStorageHostFixture fixture)
{
    readonly HttpClient http = fixture.Host.Http;

    [Fact]
    public async Task EngineCounts_AJourneyStartedAndItsCodeEntered_CountsItsEpisodesAndActivities()
    {
        JsonElement before = await CountsAsync();

        JourneyDriver journey = await JourneyDriver.StartAsync(http);
        await journey.ApplyAsync("/phone-code", new { code = await journey.PhoneCodeAsync() }, "awaitingEmailConfirmation");
        JsonElement after = await CountsAsync();

        // At least the first episode (sends the code) and the one that applied the code; the code's
        // send completed before that one could run (the link's send may still be under way).
        Assert.True(after.GetProperty("episodes").GetInt64() - before.GetProperty("episodes").GetInt64() >= 2, $"episodes {before} → {after}");
        Assert.True(after.GetProperty("activities").GetInt64() - before.GetProperty("activities").GetInt64() >= 1, $"activities {before} → {after}");
        Assert.True(after.GetProperty("instanceReads").GetInt64() >= before.GetProperty("instanceReads").GetInt64());
    }

    async Task<JsonElement> CountsAsync()
    {
        using HttpResponseMessage response = await http.GetAsync("/dev/engine");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}
