using System.Globalization;
using System.Net.Http.Json;
using Microsoft.Playwright;
using Onboarding.LocalHost.Durable;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.WebApp;

/// <summary>
/// The web app's other outcomes and refusals: the resends used up (429 with its wait), a start with
/// the address of an account (the same screens as any), a lock after wrong amounts, a cancellation, an expired link — each shown
/// in the four languages (switched with the page's own picker) and captured, phone-sized, with axe.
/// Journeys are brought to the step under test through the API; the step itself is done in the page.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class WebAppOutcomeTests(WebAppFixture fixture)
{
    static readonly string[] AllLanguages = ["en", "zh-Hans", "ja", "ko"];

    readonly LocalHostInstance host = fixture.Host;

    [Fact]
    public async Task Resend_NoneLeft_ShowsTooManyRequestsWithTheWaitInEachLanguage()
    {
        await using Visitor person = await Visitor.OpenAsync(fixture.Browser, host.BaseAddress, "en", "too-many-requests");
        await person.StartAsync(Builders.Email(), Builders.PhoneNumber());
        await person.AtAsync("phone-code");
        await person.Page.ClickAsync("#resend-code"); // the one resend this host allows
        await person.IdleAsync();
        Assert.Equal(await person.TextAsync("resendsLeft", 0), (await person.Page.Locator("#resend-info").InnerTextAsync()).Trim());

        foreach (string language in AllLanguages)
        {
            await person.SwitchLanguageAsync(language);
            IResponse refused = await person.Page.RunAndWaitForResponseAsync(
                () => person.Page.ClickAsync("#resend-code"), response => response.Url.EndsWith("/phone-code/resend", StringComparison.Ordinal));
            Assert.Equal(429, refused.Status);
            int seconds = int.Parse((await refused.HeaderValueAsync("retry-after"))!, CultureInfo.InvariantCulture);
            string wait = await person.TextAsync("wait", seconds);
            Assert.Equal(await person.TextAsync("errors.too-many-requests", wait), await person.ErrorAsync("resend"));
            await person.CaptureAsync("phone-code-too-many-requests");
        }

        Assert.Empty(person.Problems);
    }

    [Fact]
    public async Task Start_AddressOfAnAccount_TheSameScreensAsAnyAddressAndItsOwnerIsTold()
    {
        JourneyDriver owner = await JourneyDriver.StartAsync(host.Http, language: "ja");
        await owner.RegisterAsync();

        // Someone else starts with the owner's address: the page goes on as for any address.
        string phone = Builders.PhoneNumber();
        await using Visitor person = await Visitor.OpenAsync(fixture.Browser, host.BaseAddress, "en", "email-taken");
        await person.StartAsync(owner.Email, phone);
        await person.AtAsync("phone-code");
        (string journeyId, string token) = await person.JourneyAsync();
        JourneyDriver journey = JourneyDriver.Attach(host.Http, journeyId, token, owner.Email, phone);
        await person.Page.FillAsync("#field-code", await journey.PhoneCodeAsync());
        await person.Page.ClickAsync("#code-form button[type=submit]");
        await person.AtAsync("check-email");
        await person.CaptureAsync("check-email-address-of-an-account");

        // The owner learns it, in their language; no link reaches anyone.
        var japanese = Onboarding.Application.Localization.MessageCatalog.For("ja");
        await owner.WaitForMessageAsync(owner.Email, message => message.GetProperty("subject").GetString() == japanese.AddressRegisteredSubject);
        Assert.DoesNotContain(await owner.MessagesAsync(owner.Email), message => JourneyDriver.Text(message).Contains(journeyId, StringComparison.Ordinal));
        Assert.Empty(person.Problems);
    }

    [Fact]
    public async Task Deposits_WrongTwice_LockedInEachLanguage()
    {
        JourneyDriver journey = await JourneyDriver.StartAsync(host.Http);
        await journey.RegisterAsync();
        await journey.ApplyAsync("/verification", Builders.BankDetails(journey.AccountNumber), "awaitingDepositAmounts");
        string[] amounts = await journey.DepositAmountsAsync();
        string wrong = amounts.All(amount => amount == "0.01") ? "0.02" : "0.01";

        await using Visitor person = await Visitor.OpenAsync(fixture.Browser, host.BaseAddress, "en", "locked");
        await person.ResumeAsync(journey);
        await person.AtAsync("deposits");
        for (int attempt = 1; attempt <= 2; attempt++)
        {
            await person.Page.FillAsync("#field-amount-1", wrong);
            await person.Page.FillAsync("#field-amount-2", wrong);
            await person.Page.ClickAsync("#deposits-form button[type=submit]");
            await person.IdleAsync();
        }

        await person.AtAsync("locked");
        await CaptureInEachLanguageAsync(person, "locked", "lockedTitle");
    }

    [Fact]
    public async Task Bank_AfterAFailedCycle_TheDetailsTypedBeforeAreStillThereInEachLanguage()
    {
        await using LocalHostInstance twoCycles = await LocalHostInstance.StartAsync(DurableBackend.InMemory, new Dictionary<string, string?>
        {
            ["Journey:MaxDepositAttempts"] = "1",
            ["Journey:MaxVerificationCycles"] = "2",
        });
        JourneyDriver journey = await JourneyDriver.StartInChinaAsync(twoCycles.Http);
        await journey.RegisterAsync(Builders.Profile(passport: Builders.Passport()));
        await using Visitor person = await Visitor.OpenAsync(fixture.Browser, twoCycles.BaseAddress, "en", "bank-kept");
        await person.ResumeAsync(journey);
        await person.AtAsync("bank");
        await person.Page.FillAsync("#field-bankName", "Bank of China");
        await person.Page.FillAsync("#field-bankAccountNumber", journey.AccountNumber);
        await person.Page.FillAsync("#field-accountHolderName", "SMITH ANNA");
        await person.Page.ClickAsync("#bank-form button[type=submit]");
        await person.AtAsync("deposits");
        string[] wrong = JourneyDriver.WrongAmounts(await journey.DepositAmountsAsync());
        await person.Page.FillAsync("#field-amount-1", wrong[0]);
        await person.Page.FillAsync("#field-amount-2", wrong[1]);
        await person.Page.ClickAsync("#deposits-form button[type=submit]");

        // The cycle failed: back at the bank step, told why, with what was typed before.
        await person.AtAsync("bank");
        Assert.Equal("Bank of China", await person.Page.InputValueAsync("#field-bankName"));
        Assert.Equal(journey.AccountNumber, await person.Page.InputValueAsync("#field-bankAccountNumber"));
        Assert.Equal("SMITH ANNA", await person.Page.InputValueAsync("#field-accountHolderName"));
        foreach (string language in AllLanguages)
        {
            await person.SwitchLanguageAsync(language);
            Assert.Equal(await person.TextAsync("lastCycleFailed", 1), (await person.Page.Locator(".notice.warning").InnerTextAsync()).Trim());
            Assert.Equal(journey.AccountNumber, await person.Page.InputValueAsync("#field-bankAccountNumber"));
            await person.CaptureAsync("bank-after-failed-cycle");
        }

        Assert.Empty(person.Problems);
    }

    [Fact]
    public async Task Cancel_AtTheBankStep_CancelledInEachLanguage()
    {
        JourneyDriver journey = await JourneyDriver.StartAsync(host.Http);
        await journey.RegisterAsync();

        await using Visitor person = await Visitor.OpenAsync(fixture.Browser, host.BaseAddress, "en", "cancelled");
        await person.ResumeAsync(journey);
        await person.AtAsync("bank");
        await person.Page.ClickAsync("#cancel");
        Assert.Equal(await person.TextAsync("cancelQuestion"), (await person.Page.Locator(".ask-question p").InnerTextAsync()).Trim());
        await person.CaptureAsync("bank-cancel-question");
        await person.Page.ClickAsync("#cancel-yes");
        await person.AtAsync("cancelled");
        Assert.Equal("cancelled", (await journey.WaitForStageAsync("cancelled")).GetProperty("stage").GetString());
        await CaptureInEachLanguageAsync(person, "cancelled", "cancelledTitle");

        // Starting again forgets the journey.
        await person.Page.ClickAsync("#start-again");
        await person.AtAsync("start");
        Assert.Null(await person.Page.EvaluateAsync<string?>("sessionStorage.getItem('onboarding.journey')"));
    }

    [Fact]
    public async Task EmailLink_WindowPassed_BothPagesSayExpiredInEachLanguage()
    {
        await using LocalHostInstance shortWindows = await LocalHostInstance.StartAsync(DurableBackend.InMemory, new Dictionary<string, string?>
        {
            ["Onboarding:EmailLinkBase"] = LocalHostInstance.PublicBaseUrlPlaceholder + "/",
            ["Journey:EmailLinkValidity"] = "00:00:03",
        });
        string email = Builders.Email();
        string phone = Builders.PhoneNumber();
        await using Visitor person = await Visitor.OpenAsync(fixture.Browser, shortWindows.BaseAddress, "en", "expired");
        await person.StartAsync(email, phone);
        await person.AtAsync("phone-code");
        (string id, string token) = await person.JourneyAsync();
        JourneyDriver journey = JourneyDriver.Attach(shortWindows.Http, id, token, email, phone);
        await person.Page.FillAsync("#field-code", await journey.PhoneCodeAsync());
        await person.Page.ClickAsync("#code-form button[type=submit]");
        await person.AtAsync("check-email");
        Uri link = await journey.EmailLinkAsync();

        // The window passes while the page waits: it says so by itself, and which step was not done in time.
        await person.AtAsync("expired", TimeSpan.FromSeconds(30));
        string reason = await person.TextAsync("expiredAt.awaitingEmailConfirmation");
        await person.Tab.WaitForAsync($"document.getElementById('ending').textContent === {System.Text.Json.JsonSerializer.Serialize(reason)}", "the reason");
        await CaptureInEachLanguageAsync(person, "expired", "expiredTitle");

        // The link, opened afterwards on another device, is refused next to its button.
        await using Visitor mailbox = await Visitor.OpenAsync(fixture.Browser, shortWindows.BaseAddress, "en", "expired-link", link.PathAndQuery + link.Fragment);
        await mailbox.AtAsync("confirm-email");
        foreach (string language in AllLanguages)
        {
            await mailbox.SwitchLanguageAsync(language);
            await mailbox.Page.ClickAsync("#confirm-email");
            Assert.Equal(await mailbox.TextAsync("errors.journey-not-found"), await mailbox.ErrorAsync("_form"));
            await mailbox.CaptureAsync("confirm-email-link-expired");
        }

        Assert.Empty(person.Problems);
        Assert.Empty(mailbox.Problems);
    }

    static async Task CaptureInEachLanguageAsync(Visitor person, string screen, string titleKey)
    {
        foreach (string language in AllLanguages)
        {
            await person.SwitchLanguageAsync(language);
            await person.AtAsync(screen);
            Assert.Equal(await person.TextAsync(titleKey), await person.HeadingAsync());
            await person.CaptureAsync(screen);
        }

        Assert.Empty(person.Problems);
    }
}
