using System.Net;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using Onboarding.LocalHost.Durable;
using Onboarding.Tests.Operators;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Journeys;

/// <summary>
/// Every journey can be ended, on the real engine (the Azure Storage provider on Azurite, where a
/// generation hands over to the next): the user cancels and an operator terminates in
/// <c>registered</c> and <c>locked</c> too, and a cancellation that races the last wrong amounts
/// (which lock the journey) ends it as <c>cancelled</c>, never as a failed orchestration.
/// </summary>
public sealed class JourneyEndingTests
{
    static Task<LocalHostInstance> HostAsync() => LocalHostInstance.StartAsync(DurableBackend.AzureStorage, new Dictionary<string, string?>
    {
        ["Journey:MaxVerificationCycles"] = "1",
        ["Journey:MaxDepositAttempts"] = "1",
    });

    [Fact]
    public async Task Cancel_RegisteredAndLocked_UserAndOperatorEndTheJourney()
    {
        await using LocalHostInstance host = await HostAsync();
        var operators = new OperatorClient(host.Http);

        JourneyDriver registered = await JourneyDriver.StartAsync(host.Http);
        await registered.RegisterAsync();
        JourneyDriver lockedByUser = await LockedAsync(host);
        JourneyDriver registeredForOperator = await JourneyDriver.StartAsync(host.Http);
        await registeredForOperator.RegisterAsync();
        JourneyDriver lockedForOperator = await LockedAsync(host);

        Assert.Equal(HttpStatusCode.Accepted, (await registered.SendAsync(HttpMethod.Delete, "")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await lockedByUser.SendAsync(HttpMethod.Delete, "")).StatusCode);
        foreach (JourneyDriver journey in new[] { registeredForOperator, lockedForOperator })
        {
            (HttpStatusCode status, JsonElement body) = await operators.SendAsync(HttpMethod.Post, $"/api/ops/journeys/{journey.JourneyId}/terminate", new { reason = "duplicate application" });
            Assert.True(status is HttpStatusCode.OK or HttpStatusCode.Accepted, $"{status}: {body}");
        }

        foreach (JourneyDriver journey in new[] { registered, lockedByUser, registeredForOperator, lockedForOperator })
        {
            await journey.WaitForStageAsync("cancelled");
            await AssertCompletedAsync(host, journey);
            await journey.WaitForMessageAsync(journey.Email, message => message.GetProperty("subject").GetString() == "Your registration was cancelled");
        }

        string[] events = OperatorClient.EventTypes(await operators.JourneyAsync(lockedForOperator.JourneyId));
        Assert.Contains("operator-terminated", events);
        JourneyDriver again = await JourneyDriver.StartAsync(host.Http, email: registered.Email); // the unverified account and the address were let go
        Assert.NotEqual(registered.JourneyId, again.JourneyId);
    }

    [Fact]
    public async Task LastWrongAmountsAndCancellation_SentAtOnce_JourneyEndsCancelledNeverFailed()
    {
        await using LocalHostInstance host = await HostAsync();
        JourneyDriver[] journeys = await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ =>
        {
            JourneyDriver journey = await JourneyDriver.StartAsync(host.Http);
            await journey.RegisterAsync();
            await journey.ApplyAsync("/verification", Builders.BankDetails(journey.AccountNumber), "awaitingDepositAmounts");
            return journey;
        }));

        // Both pass the edge in awaitingDepositAmounts; whichever the journey applies first, the other follows.
        string[][] wrong = await Task.WhenAll(journeys.Select(async journey => JourneyDriver.WrongAmounts(await journey.DepositAmountsAsync())));
        await Task.WhenAll(journeys.Select((journey, index) => Task.WhenAll(
            journey.PostJsonAsync("/deposit-amounts", new { amounts = wrong[index] }),
            journey.SendAsync(HttpMethod.Delete, ""))));

        foreach (JourneyDriver journey in journeys)
        {
            await journey.WaitForStageAsync("cancelled");
            await AssertCompletedAsync(host, journey);
        }
    }

    [Fact]
    public async Task Input_SentTheMomentAGenerationHandsOver_ReachesTheNextGeneration()
    {
        await using LocalHostInstance host = await LocalHostInstance.StartAsync(DurableBackend.AzureStorage, new Dictionary<string, string?>
        {
            ["Journey:DepositWindow"] = "00:00:06",
            ["Journey:DepositReminderBefore"] = "00:00:00",
        });

        // A cycle's window passes, the journey hands over to a new "registered" generation, and the user
        // asks for the next cycle as soon as the edge lets them: the request must not be lost in the hand-over
        // (applied at once, or — on a loaded machine, after the 202 — soon after).
        JsonElement[] applied = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            JourneyDriver journey = await JourneyDriver.StartAsync(host.Http);
            await journey.RegisterAsync();
            await journey.ApplyAsync("/verification", Builders.BankDetails(journey.AccountNumber), "awaitingDepositAmounts");
            while (true)
            {
                (HttpStatusCode status, JsonElement body) = await journey.PostJsonAsync("/verification", Builders.BankDetails(journey.AccountNumber));
                switch (status)
                {
                    case HttpStatusCode.Conflict: // still the expiring cycle: ask again, as an eager user would
                        await Task.Delay(20);
                        continue;
                    case HttpStatusCode.OK:
                        return body;
                    default:
                        Assert.Equal(HttpStatusCode.Accepted, status);
                        return await journey.WaitForStageAsync("awaitingDepositAmounts", TimeSpan.FromSeconds(60));
                }
            }
        }));

        Assert.All(applied, status => Assert.Equal(2, status.GetProperty("verification").GetProperty("cycle").GetInt32()));
    }

    static async Task<JourneyDriver> LockedAsync(LocalHostInstance host)
    {
        JourneyDriver journey = await JourneyDriver.StartAsync(host.Http);
        await journey.RegisterAsync();
        await journey.ApplyAsync("/verification", Builders.BankDetails(journey.AccountNumber), "awaitingDepositAmounts");
        await journey.ApplyAsync("/deposit-amounts", new { amounts = JourneyDriver.WrongAmounts(await journey.DepositAmountsAsync()) }, "locked");
        return journey;
    }

    static async Task AssertCompletedAsync(LocalHostInstance host, JourneyDriver journey)
    {
        for (int attempt = 0; attempt < 100; attempt++)
        {
            OrchestrationMetadata? instance = await host.Durable.GetInstanceAsync(journey.JourneyId);
            Assert.NotEqual(OrchestrationRuntimeStatus.Failed, instance!.RuntimeStatus);
            if (instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed)
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"{journey.JourneyId} did not complete");
    }
}
