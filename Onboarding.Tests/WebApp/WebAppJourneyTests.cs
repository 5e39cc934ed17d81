using Microsoft.Playwright;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.WebApp;

/// <summary>
/// The whole journey through the web app, in each language, on a phone-sized screen, as a person
/// does it: the code from the SMS and the link from the e-mail (the dev outbox), the link opened on
/// another device while the first page moves on by itself, the amounts from the bank statement (the
/// sandbox bank) — with a wrong entry at every step, shown next to its field in the person's language.
/// Every screen is saved as a screenshot and checked with axe.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class WebAppJourneyTests(WebAppFixture fixture)
{
    /// <summary>Someone who writes their name the way people of that language often do.</summary>
    static readonly Dictionary<string, (string Given, string Family, string Order, string Holder, string Nationality)> People = new()
    {
        ["en"] = ("Anna", "Smith", "givenFirst", "SMITH ANNA", "GB"),
        ["zh-Hans"] = ("Xiaoming", "Wang", "familyFirst", "WANG XIAOMING", "SG"),
        ["ja"] = ("Yuki", "Tanaka", "familyFirst", "TANAKA YUKI", "JP"),
        ["ko"] = ("Minji", "Kim", "familyFirst", "KIM MINJI", "KR"),
    };

    readonly LocalHostInstance host = fixture.Host;

    [Theory]
    [InlineData("en")]
    [InlineData("zh-Hans")]
    [InlineData("ja")]
    [InlineData("ko")]
    public async Task Journey_InTheBrowsersLanguage_ReachesVerifiedWithEveryMistakeShownInThatLanguage(string language)
    {
        (string given, string family, string order, string holder, string nationality) = People[language];
        string email = Builders.Email();
        string phone = Builders.PhoneNumber();

        await using Visitor person = await Visitor.OpenAsync(fixture.Browser, host.BaseAddress, language, "journey");
        IPage page = person.Page;

        // Start: the page speaks the browser's language; an unsupported region is refused next to the region.
        Assert.Equal(language, await page.Locator("#language").InputValueAsync());
        Assert.Equal(language, await page.EvaluateAsync<string>("document.documentElement.lang"));
        Assert.Equal(await person.TextAsync("startTitle"), await person.HeadingAsync());
        await person.CaptureAsync("start");
        await page.FillAsync("#field-email", email);
        await page.SelectOptionAsync("#field-region", "KP");
        await page.FillAsync("#field-phoneNumber", phone);
        await page.ClickAsync("#start-form button[type=submit]");
        Assert.Equal(await person.TextAsync("errors.region-not-supported"), await person.ErrorAsync("region"));
        Assert.Equal("true", await page.GetAttributeAsync("#field-region", "aria-invalid"));
        await person.CaptureAsync("start-region-not-supported");
        await page.SelectOptionAsync("#field-region", "US");
        await page.ClickAsync("#start-form button[type=submit]");

        // The SMS code: a wrong one first.
        await person.AtAsync("phone-code");
        (string journeyId, string token) = await person.JourneyAsync();
        Assert.DoesNotContain(journeyId, page.Url, StringComparison.Ordinal);
        Assert.DoesNotContain(token, page.Url, StringComparison.Ordinal);
        JourneyDriver journey = JourneyDriver.Attach(host.Http, journeyId, token, email, phone);
        Assert.Equal(await person.TextAsync("codeTitle"), await person.HeadingAsync());
        Assert.Equal("one-time-code", await page.GetAttributeAsync("#field-code", "autocomplete"));
        string code = await journey.PhoneCodeAsync();
        await person.CaptureAsync("phone-code");
        await page.FillAsync("#field-code", code == "000000" ? "111111" : "000000");
        await page.ClickAsync("#code-form button[type=submit]");
        Assert.Equal(await person.TextAsync("errors.wrong-code", 4), await person.ErrorAsync("code"));
        await person.CaptureAsync("phone-code-wrong-code");
        await page.FillAsync("#field-code", code);
        await page.ClickAsync("#code-form button[type=submit]");

        // The e-mail link, opened on another device: this page moves on by itself, through the event stream.
        await person.AtAsync("check-email");
        await person.Tab.WaitForAsync("document.documentElement.dataset.live === 'stream'", "the event stream");
        await page.EvaluateAsync("window.notReloaded = true");
        await person.CaptureAsync("check-email");
        Uri link = await journey.EmailLinkAsync();
        Assert.Equal(new Uri(host.BaseAddress, "/").ToString(), link.GetLeftPart(UriPartial.Path));
        await using (Visitor mailbox = await Visitor.OpenAsync(fixture.Browser, host.BaseAddress, language, "journey-other-device", link.PathAndQuery + link.Fragment))
        {
            await mailbox.AtAsync("confirm-email");
            Assert.DoesNotContain("token", mailbox.Page.Url, StringComparison.Ordinal); // out of the address bar (and its history)
            Assert.Equal(await mailbox.TextAsync("confirmTitle"), await mailbox.HeadingAsync());
            await mailbox.CaptureAsync("confirm-email");
            await mailbox.Page.ClickAsync("#confirm-email");
            await mailbox.AtAsync("email-confirmed");
            Assert.Equal(await mailbox.TextAsync("confirmedTitle"), await mailbox.HeadingAsync());
            await mailbox.CaptureAsync("email-confirmed");
            Assert.Empty(mailbox.Problems);
        }

        // Personal details: the name order explained with a bank's way of printing it; a passport number too short first.
        await person.AtAsync("profile");
        Assert.True(await page.EvaluateAsync<bool>("window.notReloaded === true"), "the page was reloaded instead of updated");
        Assert.Equal(await person.TextAsync("nameOrderHelp"), (await page.Locator("#name-order-help p").First.InnerTextAsync()).Trim());
        await person.CaptureAsync("profile");
        await page.FillAsync("#field-givenName", given);
        await page.FillAsync("#field-familyName", family);
        await page.CheckAsync(order == "givenFirst" ? "#order-given" : "#order-family");
        Assert.Contains($"{family} {given}".ToUpperInvariant(), await page.Locator("#name-preview").InnerTextAsync(), StringComparison.Ordinal);
        await page.SelectOptionAsync("#field-nationality", nationality);
        await page.FillAsync("#field-dateOfBirth", "1990-01-31");
        await page.FillAsync("#field-passportNumber", "X1");
        await page.ClickAsync("#profile-form button[type=submit]");
        Assert.Equal(await person.TextAsync("fields.passportNumber"), await person.ErrorAsync("passportNumber"));
        await person.CaptureAsync("profile-passport-invalid");
        await page.FillAsync("#field-passportNumber", "X1234567");
        await page.ClickAsync("#profile-form button[type=submit]");

        // A reload keeps the journey (the tab's session storage), and the address bar still holds nothing of it.
        await person.AtAsync("bank");
        await page.ReloadAsync();
        await person.Tab.WaitForAsync("document.documentElement.dataset.ready === 'true'", "the app after the reload");
        await person.AtAsync("bank");
        Assert.Equal(new Uri(host.BaseAddress, "/").ToString(), page.Url);

        // Bank details: a holder name that is not the profile's first.
        await person.CaptureAsync("bank");
        await page.FillAsync("#field-bankName", "Bank of China");
        await page.FillAsync("#field-bankAccountNumber", journey.AccountNumber);
        await page.FillAsync("#field-accountHolderName", "JOHN DOE");
        await page.ClickAsync("#bank-form button[type=submit]");
        Assert.Equal(await person.TextAsync("errors.holder-name-mismatch"), await person.ErrorAsync("accountHolderName"));
        await person.CaptureAsync("bank-holder-name-mismatch");
        await page.FillAsync("#field-accountHolderName", holder);
        await page.ClickAsync("#bank-form button[type=submit]");

        // The amounts from the bank statement: wrong ones first.
        await person.AtAsync("deposits");
        string[] amounts = await journey.DepositAmountsAsync();
        Assert.Equal(2, amounts.Length);
        Assert.Contains(await person.TextAsync("left", ""), await page.Locator("[data-countdown]").InnerTextAsync(), StringComparison.Ordinal);
        await person.CaptureAsync("deposits");
        string wrong = amounts.All(amount => amount == "0.01") ? "0.02" : "0.01";
        await page.FillAsync("#field-amount-1", wrong);
        await page.FillAsync("#field-amount-2", wrong);
        await page.ClickAsync("#deposits-form button[type=submit]");
        Assert.Equal(await person.TextAsync("errors.wrong-amounts", 1), await person.ErrorAsync("amounts"));
        await person.CaptureAsync("deposits-wrong-amounts");
        await page.FillAsync("#field-amount-1", amounts[1]);
        await page.FillAsync("#field-amount-2", amounts[0]);
        await page.ClickAsync("#deposits-form button[type=submit]");

        await person.AtAsync("verified");
        Assert.Equal(await person.TextAsync("verifiedTitle"), await person.HeadingAsync());
        Assert.Equal("verified", (await journey.StatusAsync()).GetProperty("stage").GetString());
        await person.CaptureAsync("verified");

        // Nothing of the journey outside the tab's session storage.
        Assert.Equal(0, await page.EvaluateAsync<int>("localStorage.length"));
        Assert.Empty(await person.Tab.Context.CookiesAsync());
        Assert.Empty(person.Problems);
    }
}
