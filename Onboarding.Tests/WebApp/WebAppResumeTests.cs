using System.Text.Json;
using Microsoft.Playwright;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.WebApp;

/// <summary>
/// Resume anywhere: every message after the start carries a way back, and the link, opened in
/// another browser context (another device), goes on at the journey's current step there once the
/// person presses the button — while the first device stays in step through its event stream. A
/// link works once. Also asked for from the start screen, where every address gets the same answer.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class WebAppResumeTests(WebAppFixture fixture)
{
    static readonly string[] AllLanguages = ["en", "zh-Hans", "ja", "ko"];

    readonly LocalHostInstance host = fixture.Host;

    /// <summary>Opens a way back in a fresh context, presses Continue, and waits for <paramref name="screen"/>.</summary>
    async Task<Visitor> ResumeOnAnotherDeviceAsync(Uri link, string language, string folder, string screen, bool capture = true)
    {
        Visitor device = await Visitor.OpenAsync(fixture.Browser, host.BaseAddress, language, folder, link.PathAndQuery + link.Fragment);
        await device.AtAsync("resume");
        Assert.DoesNotContain("resume=", device.Page.Url, StringComparison.Ordinal); // out of the address bar
        Assert.Null(await device.Page.EvaluateAsync<string?>("sessionStorage.getItem('onboarding.journey')")); // opening changed nothing
        if (capture)
        {
            await device.CaptureAsync("resume");
        }

        await device.Page.ClickAsync("#resume");
        await device.AtAsync(screen);
        return device;
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh-Hans")]
    [InlineData("ja")]
    [InlineData("ko")]
    public async Task Resume_FromEachMessageOfAJourney_GoesOnOnAnotherDeviceWhileTheFirstStaysInStep(string language)
    {
        JourneyDriver journey = await JourneyDriver.StartInChinaAsync(host.Http, language);
        await using Visitor first = await Visitor.OpenAsync(fixture.Browser, host.BaseAddress, language, "resume-first-device");
        await first.ResumeAsync(journey);
        await first.AtAsync("phone-code");
        await first.Page.FillAsync("#field-code", await journey.PhoneCodeAsync());
        await first.Page.ClickAsync("#code-form button[type=submit]");
        await first.AtAsync("check-email");

        // The confirmation link, on a second device: confirmed there, and it goes on there too.
        Uri confirmation = await journey.EmailLinkAsync();
        await using (Visitor second = await Visitor.OpenAsync(fixture.Browser, host.BaseAddress, language, "resume-confirmation", confirmation.PathAndQuery + confirmation.Fragment))
        {
            await second.AtAsync("confirm-email");
            await second.Page.ClickAsync("#confirm-email");
            await second.AtAsync("email-confirmed");
            await second.Page.ClickAsync("#continue-here");
            await second.AtAsync("profile");
            await second.CaptureAsync("profile");
            await first.AtAsync("profile");

            // Two devices, one journey: what one does, the other shows by itself.
            await first.Page.FillAsync("#field-givenName", "ANNA");
            await first.Page.FillAsync("#field-familyName", "SMITH");
            await first.Page.CheckAsync("#order-given");
            await first.Page.SelectOptionAsync("#field-nationality", "GB");
            await first.Page.FillAsync("#field-dateOfBirth", "1990-01-31");
            await first.Page.FillAsync("#field-passportNumber", Builders.Passport());
            await first.Page.ClickAsync("#profile-form button[type=submit]");
            await first.AtAsync("bank");
            await second.AtAsync("bank");
            Assert.Empty(second.Problems);
        }

        // The welcome e-mail's way back: the bank step on a third device.
        Uri welcome = await journey.ResumeLinkAsync(journey.Email, message => Subject(message) == Texts(language).Welcome);
        await using (Visitor third = await ResumeOnAnotherDeviceAsync(welcome, language, "resume-welcome", "bank"))
        {
            await third.CaptureAsync("bank");
            await third.Page.FillAsync("#field-bankName", "Bank of China");
            await third.Page.FillAsync("#field-bankAccountNumber", journey.AccountNumber);
            await third.Page.FillAsync("#field-accountHolderName", "SMITH ANNA");
            await third.Page.ClickAsync("#bank-form button[type=submit]");
            await third.AtAsync("deposits");
            await first.AtAsync("deposits");
        }

        // The deposits' text message and e-mail both carry a way back; the SMS's, on a fourth device.
        JsonElement depositsMail = await journey.WaitForMessageAsync(journey.Email, message => Subject(message) == Texts(language).DepositsSent);
        Assert.True(JourneyDriver.CarriesResumeLink(depositsMail), "the deposits e-mail carries no way back");
        Uri depositsSms = await journey.ResumeLinkAsync(journey.Phone, message => message.GetProperty("channel").GetString() == "sms");
        string[] amounts = await journey.DepositAmountsAsync();
        await using (Visitor fourth = await ResumeOnAnotherDeviceAsync(depositsSms, language, "resume-deposits-sms", "deposits"))
        {
            await fourth.CaptureAsync("deposits");
            await fourth.Page.FillAsync("#field-amount-1", amounts[0]);
            await fourth.Page.FillAsync("#field-amount-2", amounts[1]);
            await fourth.Page.ClickAsync("#deposits-form button[type=submit]");
            await fourth.AtAsync("verified");
            await first.AtAsync("verified");
        }

        // The verified e-mail's way back: the end screen on a fifth device; the link works once.
        Uri verified = await journey.ResumeLinkAsync(journey.Email, message => Subject(message) == Texts(language).Verified);
        await using (Visitor fifth = await ResumeOnAnotherDeviceAsync(verified, language, "resume-verified", "verified"))
        {
            await fifth.CaptureAsync("verified");
        }

        await using (Visitor again = await Visitor.OpenAsync(fixture.Browser, host.BaseAddress, language, "resume-used", verified.PathAndQuery + verified.Fragment))
        {
            await again.AtAsync("resume");
            await again.Page.ClickAsync("#resume");
            await again.AtAsync("resume-link-gone");
            Assert.Equal(await again.TextAsync("resumeLinkGone"), (await again.Page.Locator("main [role=alert]").InnerTextAsync()).Trim());
            await again.CaptureAsync("resume-link-used");
        }

        // Every message after the start carries a way back, but the codes and the confirmation link (their own way on).
        JsonElement[] messages = [.. await journey.MessagesAsync(journey.Email), .. await journey.MessagesAsync(journey.Phone)];
        Assert.All(
            messages.Where(message => !IsCode(message) && !message.GetProperty("text").GetString()!.Contains("&token=", StringComparison.Ordinal)),
            message => Assert.True(JourneyDriver.CarriesResumeLink(message), $"no way back in '{message.GetProperty("subject")}'"));
        Assert.Empty(first.Problems);
    }

    [Fact]
    public async Task Resume_FromTheLockedAndUnlockedAndEndedMessages_ShowsWhatCanHappenNextInEachLanguage()
    {
        // Locked: two wrong entries in the one cycle this host allows.
        JourneyDriver journey = await JourneyDriver.StartInChinaAsync(host.Http);
        await journey.RegisterAsync(Builders.Profile(passport: Builders.Passport()));
        await journey.ApplyAsync("/verification", Builders.BankDetails(journey.AccountNumber), "awaitingDepositAmounts");
        string[] wrong = JourneyDriver.WrongAmounts(await journey.DepositAmountsAsync());
        await journey.ApplyAsync("/deposit-amounts", new { amounts = wrong }, "awaitingDepositAmounts");
        await journey.PostAsync("/deposit-amounts", new { amounts = wrong });
        await journey.WaitForStageAsync("locked");

        Uri locked = await journey.ResumeLinkAsync(journey.Email, message => Subject(message) == Texts("en").Locked);
        await using (Visitor device = await ResumeOnAnotherDeviceAsync(locked, "en", "resume-locked", "locked"))
        {
            // What can really happen next: the team's review, whom to ask, cancelling, erasing — no new start that would replay this one.
            Assert.Equal($"mailto:{WebAppFixture.SupportEmail}", await device.Page.GetAttributeAsync("#support-email", "href"));
            Assert.True(await device.Page.IsVisibleAsync("#cancel"));
            Assert.True(await device.Page.IsVisibleAsync("#erase"));
            Assert.Equal(0, await device.Page.Locator("#start-again").CountAsync());
            await CaptureInEachLanguageAsync(device, "locked");
        }

        // An operator unlocks: the e-mail's way back opens the bank step, saying why.
        var operators = new Onboarding.Tests.Operators.OperatorClient(host.Http);
        (System.Net.HttpStatusCode unlocked, _) = await operators.SendAsync(HttpMethod.Post, $"/api/ops/journeys/{journey.JourneyId}/unlock");
        Assert.True((int)unlocked < 300, $"unlock answered {(int)unlocked}");

        Uri unlockedLink = await journey.ResumeLinkAsync(journey.Email, message => Subject(message) == Texts("en").Unlocked);
        await using (Visitor device = await ResumeOnAnotherDeviceAsync(unlockedLink, "en", "resume-unlocked", "bank"))
        {
            await CaptureInEachLanguageAsync(device, "bank");
        }

        // An operator ends it, with a reason written for the user: the e-mail's way back shows it.
        (System.Net.HttpStatusCode terminated, _) = await operators.SendAsync(HttpMethod.Post, $"/api/ops/journeys/{journey.JourneyId}/terminate", new { reason = "duplicate application" });
        Assert.True((int)terminated < 300, $"terminate answered {(int)terminated}");

        Uri ended = await journey.ResumeLinkAsync(journey.Email, message => Subject(message) == Texts("en").Cancelled);
        await using (Visitor device = await ResumeOnAnotherDeviceAsync(ended, "en", "resume-terminated", "cancelled"))
        {
            await device.Tab.WaitForAsync("document.getElementById('ending')?.textContent.includes('duplicate application')", "the operator's reason");
            foreach (string language in AllLanguages)
            {
                await device.SwitchLanguageAsync(language);
                Assert.Equal(await device.TextAsync("cancelledByOperator", "duplicate application"), (await device.Page.Locator("#ending").InnerTextAsync()).Trim());
                await device.CaptureAsync("cancelled-by-operator");
            }

            // Erase, asked first; then the start screen says it was done.
            await device.Page.ClickAsync("#erase");
            await device.Page.ClickAsync("#erase-yes");
            await device.AtAsync("start");
            Assert.Equal(await device.TextAsync("erased"), (await device.Page.Locator("#page-notice").InnerTextAsync()).Trim());
            await device.CaptureAsync("erased");
            Assert.Empty(device.Problems);
        }
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh-Hans")]
    [InlineData("ja")]
    [InlineData("ko")]
    public async Task ResumeRequest_FromTheStartScreen_AnswersAlikeForEveryAddressAndOnlyTheOwnerGetsAWayBack(string language)
    {
        JourneyDriver journey = await JourneyDriver.StartInChinaAsync(host.Http, language);
        await journey.ApplyAsync("/phone-code", new { code = await journey.PhoneCodeAsync() }, "awaitingEmailConfirmation");
        await journey.ConfirmEmailAsync();
        await journey.WaitForStageAsync("awaitingProfile");
        string stranger = Builders.Email();

        await using Visitor person = await Visitor.OpenAsync(fixture.Browser, host.BaseAddress, language, "resume-request");

        // The start screen offers the way back, with the address typed so far.
        await person.Page.FillAsync("#field-email", journey.Email);
        await person.Page.ClickAsync("#resume-offer");
        await person.AtAsync("resume-request");
        Assert.Equal(journey.Email, await person.Page.InputValueAsync("#field-email"));
        await person.CaptureAsync("resume-request");

        // In-app back, and the browser's back, return to the start screen.
        await person.Page.ClickAsync("#back");
        await person.AtAsync("start");
        await person.Page.ClickAsync("#resume-offer");
        await person.AtAsync("resume-request");
        await person.Page.GoBackAsync();
        await person.AtAsync("start");
        await person.Page.ClickAsync("#resume-offer");
        await person.AtAsync("resume-request");

        // The owner's address and a stranger's: the same answer on the screen.
        string[] answers = new string[2];
        foreach ((string address, int i) in new[] { (journey.Email, 0), (stranger, 1) })
        {
            await person.Page.FillAsync("#field-email", address);
            await person.Page.ClickAsync("#resume-request-form button[type=submit]");
            await person.Tab.WaitForAsync("document.getElementById('resume-request-sent').textContent.length > 0", "the answer");
            answers[i] = (await person.Page.Locator("#resume-request-sent").InnerTextAsync()).Replace(address, "<address>", StringComparison.Ordinal);
            if (i == 0)
            {
                await person.CaptureAsync("resume-request-sent");
            }
        }

        Assert.Equal(answers[0], answers[1]);
        Uri link = await journey.ResumeLinkAsync(journey.Email, message => Subject(message) == Texts(language).Resume);
        Assert.Empty(await journey.MessagesAsync(stranger));

        // The way back, on another device: the journey's current step.
        await using (Visitor device = await ResumeOnAnotherDeviceAsync(link, language, "resume-requested", "profile"))
        {
            await device.CaptureAsync("profile");
            Assert.Empty(device.Problems);
        }

        Assert.Empty(person.Problems);
    }

    static async Task CaptureInEachLanguageAsync(Visitor device, string screen)
    {
        foreach (string language in AllLanguages)
        {
            await device.SwitchLanguageAsync(language);
            await device.AtAsync(screen);
            await device.CaptureAsync(screen);
        }

        Assert.Empty(device.Problems);
    }

    static string Subject(JsonElement message) => message.GetProperty("subject").GetString() ?? "";

    /// <summary>A phone code's text message, in any language: the catalog's text around the code.</summary>
    static bool IsCode(JsonElement message) =>
        message.GetProperty("channel").GetString() == "sms"
        && new[] { "en", "zh-Hans", "ja", "ko" }.Select(Onboarding.Application.Localization.MessageCatalog.For).Any(t =>
        {
            string[] around = t.PhoneCodeSms.Split("{0}");
            string text = message.GetProperty("text").GetString()!;
            return text.StartsWith(around[0], StringComparison.Ordinal) && text.Contains(around[1].Split("{1}")[0], StringComparison.Ordinal);
        });

    /// <summary>The subjects of the messages this test follows, per language (the server's message catalog).</summary>
    static (string Welcome, string DepositsSent, string Verified, string Locked, string Unlocked, string Cancelled, string Resume) Texts(string language)
    {
        Onboarding.Application.Localization.LanguagePack t = Onboarding.Application.Localization.MessageCatalog.For(language);
        return (t.WelcomeSubject, t.DepositsSentSubject, t.VerifiedSubject, t.LockedSubject, t.UnlockedSubject, t.CancelledSubject, t.ResumeSubject);
    }
}
