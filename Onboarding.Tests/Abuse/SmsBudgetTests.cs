using System.Net;
using System.Text.Json;
using Onboarding.Domain.Limits;
using Onboarding.LocalHost.Durable;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Abuse;

/// <summary>The SMS budgets — per destination calling code a day, for everyone an hour — and the SMS countries, on a host with small ones.</summary>
public sealed class SmsBudgetTests : IAsyncLifetime
{
    readonly HostMetrics metrics = new();
    LocalHostInstance host = null!;

    public async Task InitializeAsync() => host = await LocalHostInstance.StartAsync(DurableBackend.InMemory, new Dictionary<string, string?>
    {
        ["Limits:SmsPerCountryPerDay"] = "2",
        ["Limits:SmsPerHour"] = "3",
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
    public async Task Start_PastTheBudgets_RefusedByTheCountryBudgetThenTheGlobalOne()
    {
        // +1 numbers: the calling code's budget is two a day.
        Assert.Equal(HttpStatusCode.Accepted, (await StartAsync("US", Builders.PhoneNumber())).Status);
        Assert.Equal(HttpStatusCode.Accepted, (await StartAsync("CA", CanadianNumber())).Status);
        Assert.Equal((HttpStatusCode.TooManyRequests, "too-many-requests", LimitNames.SmsPerCountry), await StartAsync("US", Builders.PhoneNumber()));

        // A UK number for a US resident: GB is an SMS country. The third SMS of the hour, the last one.
        Assert.Equal(HttpStatusCode.Accepted, (await StartAsync("US", UkMobile())).Status);
        Assert.Equal((HttpStatusCode.TooManyRequests, "too-many-requests", LimitNames.SmsPerHour), await StartAsync("GB", UkMobile()));

        // Neither the region's nor an SMS country's number: refused before any budget.
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "phone-country-not-supported", null), await StartAsync("US", "+998901234568"));

        // Abuse is visible: refusals by limit, SMS by destination country.
        Dictionary<string, long> counts = await metrics.CountsAsync(host, until: counts => counts.GetValueOrDefault("onboarding.sms.sent|country=GB") >= 1);
        Assert.Equal(1, counts["onboarding.abuse.refused|limit=sms-per-country"]);
        Assert.Equal(1, counts["onboarding.abuse.refused|limit=sms-per-hour"]);
        Assert.Equal(1, counts["onboarding.abuse.refused|limit=phone-country"]);
        Assert.Equal(1, counts["onboarding.sms.sent|country=US"]);
        Assert.Equal(1, counts["onboarding.sms.sent|country=CA"]);
        Assert.Equal(1, counts["onboarding.sms.sent|country=GB"]);
    }

    static string UkMobile() => $"+447400{Random.Shared.Next(100000, 1000000)}";

    static string CanadianNumber()
    {
        int exchange = Random.Shared.Next(200, 1000);
        return exchange % 100 == 11 || exchange == 555 ? CanadianNumber() : $"+1604{exchange}{Random.Shared.Next(0, 10000):D4}";
    }
}
