using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Onboarding.Tests.Contract;
using Onboarding.Tests.Operators;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Events;

/// <summary>
/// Whole journeys on the real engine, publishing through the official Event Grid client to the local
/// topic: each stage change is one CloudEvent of the right type, numbered 1, 2, 3… without a gap, valid
/// against its schema in the contract, with masked values only; the same id always carries the same content.
/// </summary>
[Collection(EventsHostCollection.Name)]
public sealed class JourneyEventTests(EventsHostFixture fixture)
{
    static readonly ContractSchemas Contract = ContractSchemas.Load();
    readonly HttpClient http = fixture.Host.Http;
    readonly PublishedEvents events = new(fixture.Host.Http);
    readonly OperatorClient operators = new(fixture.Host.Http);

    [Fact]
    public async Task VerifiedJourney_EveryStage_PublishedOnceInSequenceWithoutPersonalData()
    {
        var person = new TestPerson();
        JourneyDriver journey = await person.StartAsync(http);
        await journey.RegisterAsync(person.Profile);
        await journey.ApplyAsync("/verification", person.BankDetails, "awaitingDepositAmounts");
        JsonElement verified = await journey.ApplyAsync("/deposit-amounts", new { amounts = await journey.DepositAmountsAsync() }, "verified");

        JsonElement[] published = await events.WaitForAsync(journey.JourneyId, 6);

        Assert.Equal(["started", "phoneConfirmed", "emailConfirmed", "registered", "verificationStarted", "verified"], published.Select(PublishedEvents.Type));
        Assert.Equal(Enumerable.Range(1, 6), published.Select(PublishedEvents.Sequence));
        foreach (JsonElement cloudEvent in published)
        {
            Assert.Empty(Contract.Errors(ContractSchemas.Pointer("components", "schemas", "JourneyEvent"), cloudEvent));
            Assert.Equal(journey.JourneyId, cloudEvent.GetProperty("subject").GetString());
            Assert.Equal($"/onboarding/journeys/{journey.JourneyId}", cloudEvent.GetProperty("source").GetString());
            foreach ((string what, string value) in person.Values)
            {
                Assert.False(cloudEvent.GetRawText().Contains(value, StringComparison.OrdinalIgnoreCase), $"{PublishedEvents.Type(cloudEvent)} holds the person's {what}");
            }
        }

        // The same model as the status route and the event stream: the last event's data is the final status (and the
        // account's id) — but for updatedAt: the event is the decision's, made before the step that verifies the account,
        // the status the journey's once that step returned.
        JsonElement data = published[^1].GetProperty("data");
        Assert.Equal(journey.JourneyId, data.GetProperty("accountId").GetString());
        Assert.True(JsonElement.DeepEquals(Without(verified, "updatedAt"), Without(data, "accountId", "updatedAt")), $"status {verified}\nevent data {data}");
        Assert.True(data.GetProperty("updatedAt").GetDateTime() <= verified.GetProperty("updatedAt").GetDateTime());
        Assert.Equal(published[^1].GetProperty("time").GetDateTimeOffset(), new DateTimeOffset(data.GetProperty("updatedAt").GetDateTime().ToUniversalTime()));

        // The audit trail names the events of its stage changes.
        string[] details = [.. (await operators.JourneyAsync(journey.JourneyId)).GetProperty("events").EnumerateArray()
            .Where(entry => entry.GetProperty("type").GetString() == "stage-changed").Select(entry => entry.GetProperty("detail").GetString()!)];
        Assert.Contains(details, detail => detail.EndsWith("(event 2: phoneConfirmed)", StringComparison.Ordinal));
        Assert.Contains(details, detail => detail.Contains("event 6: verified", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FailedCycleLockUnlockCancel_PublishesWhatABackOfficeNeedsInOrder()
    {
        JourneyDriver journey = await JourneyDriver.StartAsync(http);
        await journey.RegisterAsync(Builders.Profile(passport: Builders.Passport()));
        for (int cycle = 1; cycle <= 2; cycle++)
        {
            await journey.ApplyAsync("/verification", Builders.BankDetails(journey.AccountNumber), "awaitingDepositAmounts");
            string[] wrong = JourneyDriver.WrongAmounts(await journey.DepositAmountsAsync(cycle));
            await journey.ApplyAsync("/deposit-amounts", new { amounts = wrong }, cycle == 1 ? "registered" : "locked");
        }

        await operators.WaitUntilListedAsync(journey.JourneyId, "locked");
        (HttpStatusCode unlocked, JsonElement body) = await operators.SendAsync(HttpMethod.Post, $"/api/ops/journeys/{journey.JourneyId}/unlock");
        Assert.True(unlocked is HttpStatusCode.OK or HttpStatusCode.Accepted, body.ToString());
        await journey.WaitForStageAsync("registered");
        using HttpResponseMessage cancelled = await journey.SendAsync(HttpMethod.Delete, "");
        Assert.Equal(HttpStatusCode.Accepted, cancelled.StatusCode);

        JsonElement[] published = await events.WaitForAsync(journey.JourneyId, 10);

        Assert.Equal(
            ["started", "phoneConfirmed", "emailConfirmed", "registered", "verificationStarted", "verificationFailed", "verificationStarted", "locked", "unlocked", "cancelled"],
            published.Select(PublishedEvents.Type));
        Assert.Equal(Enumerable.Range(1, 10), published.Select(PublishedEvents.Sequence));
        Assert.All(published, e => Assert.Empty(Contract.Errors(ContractSchemas.Pointer("components", "schemas", "JourneyEvent"), e)));
    }

    [Fact]
    public async Task ProfileWindowPassed_PublishesExpired()
    {
        JourneyDriver journey = await JourneyDriver.StartAsync(http);
        await journey.ApplyAsync("/phone-code", new { code = await journey.PhoneCodeAsync() }, "awaitingEmailConfirmation");
        await journey.ConfirmEmailAsync();
        await journey.WaitForStageAsync("expired", EventsHostFixture.ProfileWindow + TimeSpan.FromSeconds(60));

        JsonElement[] published = await events.WaitForAsync(journey.JourneyId, 4);

        Assert.Equal(["started", "phoneConfirmed", "emailConfirmed", "expired"], published.Select(PublishedEvents.Type));
    }

    [Fact]
    public async Task Erase_PublishesErasedLastAndKeepsNoneOfTheJourneysEvents()
    {
        JourneyDriver journey = await JourneyDriver.StartAsync(http);
        await journey.ApplyAsync("/phone-code", new { code = await journey.PhoneCodeAsync() }, "awaitingEmailConfirmation");
        await events.WaitForAsync(journey.JourneyId, 2);

        (HttpStatusCode erased, _) = await operators.SendAsync(HttpMethod.Delete, $"/api/ops/journeys/{journey.JourneyId}");
        Assert.Equal(HttpStatusCode.NoContent, erased);

        // What the topic took of the journey was erased with it, but for erased, which came last.
        JsonElement last = Assert.Single(await WaitForReceivedAsync(journey.JourneyId, received => received.Length > 0));
        Assert.Equal("erased", PublishedEvents.Type(last));
        Assert.Equal(3, PublishedEvents.Sequence(last));
        Assert.Empty(Contract.Errors(ContractSchemas.Pointer("components", "schemas", "JourneyEvent"), last));
        Assert.Equal(HttpStatusCode.NotFound, (await operators.SendAsync(HttpMethod.Get, $"/api/ops/journeys/{journey.JourneyId}/events")).Status);
        // Onboarding keeps no event of it: only the head that says it was erased (no personal data).
        Azure.Data.Tables.TableClient table = await fixture.Host.Tables.GetAsync(Onboarding.Application.Storage.OnboardingTables.JourneyEvents);
        var rowKeys = new List<string>();
        await foreach (Azure.Data.Tables.TableEntity row in table.QueryAsync<Azure.Data.Tables.TableEntity>(Azure.Data.Tables.TableClient.CreateQueryFilter($"PartitionKey eq {journey.JourneyId}")))
        {
            rowKeys.Add(row.RowKey);
        }

        Assert.Equal(["head"], rowKeys);
    }

    [Fact]
    public async Task TopicThrottlingThenDown_JourneyGoesOnAndEveryEventArrivesLateInOrder()
    {
        DateTime until = DateTime.UtcNow.AddSeconds(20);
        await SetFaultsAsync(
            new { target = "eventGrid", mode = "throttle", retryAfterSeconds = 2, until = DateTime.UtcNow.AddSeconds(10) },
            new { target = "eventGrid", mode = "unavailable", until });

        // The user does not wait for the topic: the journey moves on while it refuses every event.
        JourneyDriver journey = await JourneyDriver.StartAsync(http);
        await journey.RegisterAsync(Builders.Profile(passport: Builders.Passport()));
        bool registeredDuringTheOutage = DateTime.UtcNow < until;
        JsonElement[] takenDuringTheOutage = await events.ReceivedAsync(journey.JourneyId);

        JsonElement[] published = await events.WaitForAsync(journey.JourneyId, 4);

        Assert.True(!registeredDuringTheOutage || takenDuringTheOutage.Length == 0, "the topic took events while it was down");
        Assert.Equal(["started", "phoneConfirmed", "emailConfirmed", "registered"], published.Select(PublishedEvents.Type));
        Assert.Equal(Enumerable.Range(1, 4), published.Select(PublishedEvents.Sequence));
        JsonElement[] received = await events.ReceivedAsync(journey.JourneyId);
        // Published in order: no event arrived before one with a lower sequence had (repeats aside).
        int highest = 0;
        foreach (int sequence in received.Select(PublishedEvents.Sequence))
        {
            Assert.True(sequence <= highest + 1, $"sequence {sequence} arrived before {highest + 1}: {string.Join(", ", received.Select(PublishedEvents.Sequence))}");
            highest = Math.Max(highest, sequence);
        }
    }

    [Fact]
    public async Task Replay_FromASequence_ReturnsTheRestAsPublished()
    {
        JourneyDriver journey = await JourneyDriver.StartAsync(http);
        await journey.RegisterAsync(Builders.Profile(passport: Builders.Passport()));
        JsonElement[] published = await events.WaitForAsync(journey.JourneyId, 4);

        JsonElement page = await events.ReplayAsync(journey.JourneyId, from: 3);

        Assert.Equal(4, page.GetProperty("lastSequence").GetInt32());
        Assert.Equal(published[2..].Select(e => e.GetRawText()), page.GetProperty("events").EnumerateArray().Select(e => e.GetRawText()));
        Assert.Empty((await events.ReplayAsync(journey.JourneyId, from: 5)).GetProperty("events").EnumerateArray());
        Assert.Equal(HttpStatusCode.BadRequest, (await operators.SendAsync(HttpMethod.Get, $"/api/ops/journeys/{journey.JourneyId}/events?from=0")).Status);
        using HttpResponseMessage anonymous = await http.GetAsync($"/api/ops/journeys/{journey.JourneyId}/events");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    static JsonElement Without(JsonElement data, params string[] members)
    {
        var copy = System.Text.Json.Nodes.JsonNode.Parse(data.GetRawText())!.AsObject();
        foreach (string member in members)
        {
            copy.Remove(member);
        }

        return JsonDocument.Parse(copy.ToJsonString()).RootElement.Clone();
    }

    async Task<JsonElement[]> WaitForReceivedAsync(string journeyId, Func<JsonElement[], bool> done)
    {
        DateTime giveUp = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            JsonElement[] received = await events.ReceivedAsync(journeyId);
            if (done(received))
            {
                return received;
            }

            Assert.True(DateTime.UtcNow < giveUp, "the topic never took what was expected");
            await Task.Delay(200);
        }
    }

    async Task SetFaultsAsync(params object[] rules)
    {
        using HttpResponseMessage response = await http.PutAsJsonAsync("/dev/faults", new { rules });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
