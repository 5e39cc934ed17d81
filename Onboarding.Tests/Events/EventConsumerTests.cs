using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Onboarding.EventConsumer;
using Onboarding.LocalHost.Durable;
using Onboarding.Tests.Operators;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Events;

/// <summary>
/// The sample consumer (<c>samples/Onboarding.EventConsumer</c>) subscribed to the local topic, which
/// pushes to it as Event Grid does (handshake, one event per request, retries, no order): it applies
/// each journey's events once and in sequence, replays from Onboarding what the topic lost, and
/// forgets an erased journey.
/// </summary>
public sealed class EventConsumerTests : IAsyncLifetime
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    LocalHostInstance host = null!;
    WebApplication consumer = null!;
    HttpClient consumerHttp = null!;

    public async Task InitializeAsync()
    {
        string consumerUrl = $"http://127.0.0.1:{Onboarding.Testing.Ports.Free()}";
        host = await LocalHostInstance.StartAsync(DurableBackend.InMemory, new Dictionary<string, string?>
        {
            ["LocalEventGrid:Subscribers:0"] = consumerUrl + ConsumerApp.WebhookPath,
            ["LocalEventGrid:RetryDelays:0"] = "00:00:01",
            ["LocalEventGrid:RetryDelays:1"] = "00:00:02",
            ["LocalEventGrid:RetryDelays:2"] = "00:00:05",
            ["DevFaults:Enabled"] = "true",
        });
        consumer = ConsumerApp.Build([], builder =>
        {
            builder.WebHost.UseUrls(consumerUrl);
            builder.Logging.ClearProviders();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Consumer:OnboardingUrl"] = host.BaseAddress.ToString(),
                ["Consumer:OperatorKey"] = LocalHostInstance.OperatorKey,
                ["Consumer:GapWait"] = "00:00:03",
                ["Consumer:GapCheckInterval"] = "00:00:01",
            });
        });
        await consumer.StartAsync();
        consumerHttp = new HttpClient { BaseAddress = new Uri(consumerUrl) };
    }

    public async Task DisposeAsync()
    {
        consumerHttp.Dispose();
        await consumer.StopAsync();
        await consumer.DisposeAsync();
        await host.DisposeAsync();
    }

    [Fact]
    public async Task WholeJourney_ConsumerAppliesEveryEventOnceInSequence()
    {
        JourneyDriver journey = await JourneyDriver.StartAsync(host.Http);
        await journey.RegisterAsync(Builders.Profile(passport: Builders.Passport()));
        await journey.VerifyAsync();

        JsonElement view = await ConsumerViewAsync(journey.JourneyId, view => view.GetProperty("lastApplied").GetInt32() >= 6);

        Assert.Equal(["started", "phoneConfirmed", "emailConfirmed", "registered", "verificationStarted", "verified"], Applied(view, "type").Select(type => type["onboarding.journey.".Length..]));
        Assert.Equal(["1", "2", "3", "4", "5", "6"], Applied(view, "sequence"));
        Assert.Empty(view.GetProperty("heldBack").EnumerateArray());
    }

    [Fact]
    public async Task TopicLosesAnEvent_ConsumerReplaysTheGapFromOnboarding()
    {
        JourneyDriver journey = await JourneyDriver.StartAsync(host.Http);
        await ConsumerViewAsync(journey.JourneyId, view => view.GetProperty("lastApplied").GetInt32() >= 1);

        // The topic takes phoneConfirmed but never delivers it (as if it had been dead-lettered).
        await SetFaultsAsync(new { target = "eventGrid", mode = "drop" });
        await journey.ApplyAsync("/phone-code", new { code = await journey.PhoneCodeAsync() }, "awaitingEmailConfirmation");
        await WaitAsync(async () => (await new PublishedEvents(host.Http).ReceivedAsync(journey.JourneyId)).Length >= 2, "the topic never took phoneConfirmed");
        await SetFaultsAsync();
        await journey.ConfirmEmailAsync();

        JsonElement view = await ConsumerViewAsync(journey.JourneyId, view => view.GetProperty("lastApplied").GetInt32() >= 3);

        Assert.Equal(["1", "2", "3"], Applied(view, "sequence"));
        Assert.Equal("onboarding.journey.phoneConfirmed", Applied(view, "type")[1]);
    }

    [Fact]
    public async Task Erase_ConsumerForgetsTheJourney()
    {
        JourneyDriver journey = await JourneyDriver.StartAsync(host.Http);
        await journey.ApplyAsync("/phone-code", new { code = await journey.PhoneCodeAsync() }, "awaitingEmailConfirmation");
        await ConsumerViewAsync(journey.JourneyId, view => view.GetProperty("lastApplied").GetInt32() >= 2);

        (HttpStatusCode erased, _) = await new OperatorClient(host.Http).SendAsync(HttpMethod.Delete, $"/api/ops/journeys/{journey.JourneyId}");
        Assert.Equal(HttpStatusCode.NoContent, erased);

        JsonElement view = await ConsumerViewAsync(journey.JourneyId, view => view.GetProperty("erased").GetBoolean());
        Assert.Equal(["onboarding.journey.erased"], Applied(view, "type"));
    }

    static string[] Applied(JsonElement view, string property) =>
        [.. view.GetProperty("applied").EnumerateArray().Select(e => e.GetProperty(property).ValueKind == JsonValueKind.Number ? e.GetProperty(property).GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture) : e.GetProperty(property).GetString()!)];

    async Task<JsonElement> ConsumerViewAsync(string journeyId, Func<JsonElement, bool> done)
    {
        JsonElement last = default;
        await WaitAsync(async () =>
        {
            using HttpResponseMessage response = await consumerHttp.GetAsync($"/journeys/{journeyId}");
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return false;
            }

            last = await JourneyDriver.ReadJsonAsync(response);
            return done(last);
        }, $"the consumer's view of the journey never got there: {last}");
        return last;
    }

    static async Task WaitAsync(Func<Task<bool>> done, string failure)
    {
        DateTime giveUp = DateTime.UtcNow + Patience;
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < giveUp, failure);
            await Task.Delay(200);
        }
    }

    async Task SetFaultsAsync(params object[] rules)
    {
        using HttpResponseMessage response = await host.Http.PutAsJsonAsync("/dev/faults", new { rules });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
