using System.Net;
using System.Text.Json;
using Onboarding.LocalHost.Durable;
using Onboarding.Tests.Events;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Journeys;

/// <summary>
/// Windows and limits on the real Durable Task engine (the in-memory test host's orchestration
/// service behind the gRPC sidecar) with real tables on Azurite: windows of seconds, set by configuration.
/// </summary>
public sealed class JourneyWindowTests
{
    static Task<LocalHostInstance> HostAsync(params (string Key, string Value)[] journey) =>
        LocalHostInstance.StartAsync(DurableBackend.InMemory, journey.ToDictionary(setting => "Journey:" + setting.Key, setting => (string?)setting.Value));

    [Fact]
    public async Task PhoneCode_ExpiresThenUserAsksForANewOne_JourneyContinues()
    {
        await using LocalHostInstance host = await HostAsync(("PhoneCodeValidity", "00:00:04"));
        JourneyDriver journey = await JourneyDriver.StartAsync(host.Http);
        string firstCode = await journey.PhoneCodeAsync();

        JsonElement expired = await WaitForErrorAsync(journey, "code-expired");
        Assert.Equal("awaitingPhoneCode", expired.GetProperty("stage").GetString());
        (HttpStatusCode late, JsonElement lateBody) = await journey.PostJsonAsync("/phone-code", new { code = firstCode });
        Assert.Equal((HttpStatusCode)429, late); // refused before it reaches the journey: the code is no longer good for anything
        Assert.Equal("code-attempts", lateBody.GetProperty("limit").GetString());
        Assert.Equal("code-expired", (await journey.StatusAsync()).GetProperty("lastError").GetProperty("code").GetString());

        await journey.AppliedAsync("/phone-code/resend", null, status => status.GetProperty("resendsRemaining").GetInt32() == 2);
        await journey.ApplyAsync("/phone-code", new { code = await journey.PhoneCodeAsync(send: 2) }, "awaitingEmailConfirmation");
    }

    [Fact]
    public async Task Profile_WindowPasses_ExpiredUserToldAndAddressFreeAgain()
    {
        await using LocalHostInstance host = await HostAsync(("ProfileWindow", "00:00:02"));
        JourneyDriver journey = await JourneyDriver.StartAsync(host.Http);
        await journey.PostJsonAsync("/phone-code", new { code = await journey.PhoneCodeAsync() });
        Uri link = await journey.EmailLinkAsync();
        using (await host.Http.PostAsync(link.AbsolutePath, JsonBody(new { token = JourneyDriver.TokenOf(link) })))
        {
        }

        JsonElement status = await journey.WaitForStageAsync("expired");

        Assert.Null(GetOrNull(status, "deadline"));
        await journey.WaitForMessageAsync(journey.Email, message => message.GetProperty("subject").GetString() == "Your registration has expired");
        JourneyDriver again = await JourneyDriver.StartAsync(host.Http, email: journey.Email);
        Assert.NotEqual(journey.JourneyId, again.JourneyId);
    }

    [Fact]
    public async Task DepositWindow_PassesAfterAReminder_BackToRegisteredThenSecondCycleVerifies()
    {
        await using LocalHostInstance host = await HostAsync(("DepositWindow", "00:00:12"), ("DepositReminderBefore", "00:00:06"));
        JourneyDriver journey = await JourneyDriver.StartAsync(host.Http);
        await journey.RegisterAsync();
        await journey.PostJsonAsync("/verification", Builders.BankDetails(journey.AccountNumber));

        JsonElement expired = await journey.WaitForStageAsync("registered");

        JsonElement verification = expired.GetProperty("verification");
        Assert.Equal("expired", verification.GetProperty("lastOutcome").GetString());
        Assert.Equal(2, verification.GetProperty("cyclesRemaining").GetInt32());
        await journey.WaitForMessageAsync(journey.Email, message => message.GetProperty("subject").GetString() == "Reminder: enter your deposit amounts");
        await journey.WaitForMessageAsync(journey.Email, message => message.GetProperty("subject").GetString() == "Verification timed out");

        await journey.ApplyAsync("/verification", Builders.BankDetails(journey.AccountNumber), "awaitingDepositAmounts");
        string[] firstAmounts = await journey.DepositAmountsAsync(cycle: 1);
        string[] secondAmounts = await journey.DepositAmountsAsync(cycle: 2);
        Assert.Equal(4, (await journey.TransfersAsync()).Length);
        await journey.ApplyAsync("/deposit-amounts", new { amounts = secondAmounts }, "verified");

        Assert.Equal(2, firstAmounts.Length);
        // The cycle's window passing is an event of its own, between the two cycles' verificationStarted.
        JsonElement[] published = await new PublishedEvents(host.Http).WaitForAsync(journey.JourneyId, 8);
        Assert.Equal(
            ["started", "phoneConfirmed", "emailConfirmed", "registered", "verificationStarted", "verificationExpired", "verificationStarted", "verified"],
            published.Select(PublishedEvents.Type));
        Assert.Equal(Enumerable.Range(1, 8), published.Select(PublishedEvents.Sequence));
    }

    [Fact]
    public async Task DepositAmounts_WrongInEveryCycle_LockedAndUserTold()
    {
        await using LocalHostInstance host = await HostAsync(("MaxVerificationCycles", "2"), ("MaxDepositAttempts", "1"), ("DepositCount", "1"));
        JourneyDriver journey = await JourneyDriver.StartAsync(host.Http);
        await journey.RegisterAsync();

        for (int cycle = 1; cycle <= 2; cycle++)
        {
            JsonElement started = await journey.ApplyAsync("/verification", Builders.BankDetails(journey.AccountNumber), "awaitingDepositAmounts");
            Assert.Equal(1, started.GetProperty("verification").GetProperty("depositCount").GetInt32());
            string right = Assert.Single(await journey.DepositAmountsAsync(cycle));
            string wrong = right == "0.99" ? "0.98" : "0.99";
            await journey.ApplyAsync("/deposit-amounts", new { amounts = new[] { wrong } }, cycle == 1 ? "registered" : "locked");
        }

        JsonElement status = await journey.StatusAsync();
        Assert.Equal("locked", status.GetProperty("stage").GetString());
        Assert.Equal(0, status.GetProperty("verification").GetProperty("cyclesRemaining").GetInt32());
        Assert.Equal("failed", status.GetProperty("verification").GetProperty("lastOutcome").GetString());
        await journey.WaitForMessageAsync(journey.Email, message => message.GetProperty("subject").GetString() == "Your verification is locked");
        (HttpStatusCode again, JsonElement refused) = await journey.PostJsonAsync("/verification", Builders.BankDetails(journey.AccountNumber));
        Assert.Equal(HttpStatusCode.Conflict, again);
        Assert.Equal("stage-mismatch", refused.GetProperty("code").GetString());
    }

    [Fact]
    public async Task EmailLink_Resent_OldLinkStopsWorkingNewOneConfirms()
    {
        await using LocalHostInstance host = await HostAsync();
        JourneyDriver journey = await JourneyDriver.StartAsync(host.Http);
        await journey.ApplyAsync("/phone-code", new { code = await journey.PhoneCodeAsync() }, "awaitingEmailConfirmation");
        Uri first = await journey.EmailLinkAsync();

        int resends = (await journey.StatusAsync()).GetProperty("resendsRemaining").GetInt32();
        await journey.AppliedAsync("/email-confirmation/resend", null, status => status.GetProperty("resendsRemaining").GetInt32() == resends - 1);
        Uri second = await journey.EmailLinkAsync(send: 2);

        Assert.NotEqual(first, second);
        using HttpResponseMessage oldPage = await host.Http.GetAsync(first.PathAndQuery);
        Assert.Equal(HttpStatusCode.NotFound, oldPage.StatusCode);
        using HttpResponseMessage confirmed = await host.Http.PostAsync(second.AbsolutePath, JsonBody(new { token = JourneyDriver.TokenOf(second) }));
        Assert.True(confirmed.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted, $"the new link: {(int)confirmed.StatusCode}");
        await journey.WaitForStageAsync("awaitingProfile");
    }

    [Fact]
    public async Task Journey_AllStepsOnTheInMemoryEngine_Verified()
    {
        await using LocalHostInstance host = await HostAsync();
        JourneyDriver journey = await JourneyDriver.StartAsync(host.Http);

        await journey.RegisterAsync();
        JsonElement verified = await journey.VerifyAsync();

        Assert.Equal("verified", verified.GetProperty("stage").GetString());
    }

    static async Task<JsonElement> WaitForErrorAsync(JourneyDriver journey, string code)
    {
        DateTime giveUp = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            JsonElement status = await journey.StatusAsync();
            if (GetOrNull(status, "lastError") is { } error && error.GetProperty("code").GetString() == code)
            {
                return status;
            }

            Assert.True(DateTime.UtcNow < giveUp, $"lastError never became {code}");
            await Task.Delay(100);
        }
    }

    static JsonElement? GetOrNull(JsonElement element, string name) =>
        element.GetProperty(name).ValueKind == JsonValueKind.Null ? null : element.GetProperty(name);

    static StringContent JsonBody(object body) => new(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");
}
