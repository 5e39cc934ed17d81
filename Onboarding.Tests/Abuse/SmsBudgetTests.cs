using System.Net;
using System.Text.Json;
using Onboarding.Domain.Limits;
using Onboarding.LocalHost.Durable;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Abuse;

/// <summary>
/// The SMS budgets — per destination region (ISO, never the calling code) a day, lower for pumping
/// destinations, for everyone an hour — the destinations texted at all, and the SMS countries, on a
/// host with small budgets.
/// </summary>
public sealed class SmsBudgetTests : IAsyncLifetime
{
    readonly HostMetrics metrics = new();
    LocalHostInstance host = null!;

    public async Task InitializeAsync() => host = await LocalHostInstance.StartAsync(DurableBackend.InMemory, new Dictionary<string, string?>
    {
        ["Limits:SmsPerCountryPerDay"] = "2",
        ["Limits:SmsPerHighRiskCountryPerDay"] = "1",
        ["Limits:SmsPerHour"] = "5",
        ["Limits:SmsDestinations"] = "US,CA,GB,JM", // JM opened: a pumping destination, so its lower budget
        ["Journey:SmsCountries:0"] = "GB",
    }, metrics.AddTo);

    public Task DisposeAsync() => host.DisposeAsync().AsTask();

    async Task<(HttpStatusCode Status, string? Code, string? Limit)> StartAsync(string region, string phone)
    {
        using HttpResponseMessage response = await host.Http.PostAsync("/api/journeys", System.Net.Http.Json.JsonContent.Create(Builders.StartBody(Builders.Email(), phone, region)));
        if (response.StatusCode == HttpStatusCode.Accepted)
        {
            return (response.StatusCode, null, null);
        }

        JsonElement problem = await JourneyDriver.ReadJsonAsync(response);
        return (response.StatusCode, problem.GetProperty("code").GetString(), problem.TryGetProperty("limit", out JsonElement limit) ? limit.GetString() : null);
    }

    [Fact]
    public async Task Start_PastTheBudgets_RefusedByTheRegionsBudgetThenTheGlobalOne()
    {
        // United States numbers: two a day.
        Assert.Equal(HttpStatusCode.Accepted, (await StartAsync("US", Builders.PhoneNumber())).Status);
        Assert.Equal(HttpStatusCode.Accepted, (await StartAsync("US", Builders.PhoneNumber())).Status);
        Assert.Equal((HttpStatusCode.TooManyRequests, "too-many-requests", LimitNames.SmsPerCountry), await StartAsync("US", Builders.PhoneNumber()));

        // Canada and Jamaica share +1 with the United States, but not its budget: each has its own,
        // Jamaica's the lower one of a pumping destination.
        Assert.Equal(HttpStatusCode.Accepted, (await StartAsync("CA", CanadianNumber())).Status);
        Assert.Equal(HttpStatusCode.Accepted, (await StartAsync("JM", JamaicanNumber())).Status);
        Assert.Equal((HttpStatusCode.TooManyRequests, "too-many-requests", LimitNames.SmsPerCountry), await StartAsync("JM", JamaicanNumber()));

        // A UK number for a US resident: GB is an SMS country. The fifth SMS of the hour, the last one.
        Assert.Equal(HttpStatusCode.Accepted, (await StartAsync("US", UkMobile())).Status);
        Assert.Equal((HttpStatusCode.TooManyRequests, "too-many-requests", LimitNames.SmsPerHour), await StartAsync("GB", UkMobile()));

        // Neither the region's nor an SMS country's number, or a region not texted at all: refused before any budget.
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "phone-country-not-supported", null), await StartAsync("US", "+998901234568"));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "phone-country-not-supported", null), await StartAsync("AG", "+12684641234"));

        // Abuse is visible: refusals by limit, SMS by destination region.
        Dictionary<string, long> counts = await metrics.CountsAsync(host, until: counts => counts.GetValueOrDefault("onboarding.sms.sent|country=GB") >= 1);
        Assert.Equal(2, counts["onboarding.abuse.refused|limit=sms-per-country"]);
        Assert.Equal(1, counts["onboarding.abuse.refused|limit=sms-per-hour"]);
        Assert.Equal(2, counts["onboarding.abuse.refused|limit=phone-country"]);
        Assert.Equal(2, counts["onboarding.sms.sent|country=US"]);
        Assert.Equal(1, counts["onboarding.sms.sent|country=CA"]);
        Assert.Equal(1, counts["onboarding.sms.sent|country=JM"]);
        Assert.Equal(1, counts["onboarding.sms.sent|country=GB"]);
    }

    static string JamaicanNumber() => $"+1876210{Random.Shared.Next(0, 10000):D4}";

    static string UkMobile() => $"+447400{Random.Shared.Next(100000, 1000000)}";

    static string CanadianNumber()
    {
        int exchange = Random.Shared.Next(200, 1000);
        return exchange % 100 == 11 || exchange == 555 ? CanadianNumber() : $"+1604{exchange}{Random.Shared.Next(0, 10000):D4}";
    }
}
