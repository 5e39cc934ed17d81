using Microsoft.Playwright;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.WebApp;

/// <summary>
/// The person the service is for, through the web app, in each language, on a phone-sized screen: a
/// foreigner who lives in mainland China, with a Chinese mobile (+86) and a Chinese bank card, on
/// the defaults the host runs with. The code from the SMS and the link from the e-mail (the dev
/// outbox), the link opened on another device while the first page moves on by itself, the amounts
/// from the bank statement (the sandbox bank) — with a wrong entry at every step, shown next to its
/// field in the person's language. Every screen is saved as a screenshot and checked with axe.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class WebAppJourneyTests(WebAppFixture fixture)
{
    /// <summary>
    /// Someone of that language's country, living in China, with their name as their passport's
    /// machine-readable lines write it, the name in Chinese characters they may have, and the
    /// holder name their Chinese bank prints.
    /// </summary>
    static readonly Dictionary<string, (string Given, string Family, string Order, string? Chinese, string Holder, string Nationality)> People = new()
    {
        ["en"] = ("ANNA", "SMITH", "givenFirst", null, "SMITH ANNA", "GB"),
        ["zh-Hans"] = ("XIAOMING", "WANG", "familyFirst", "王小明", "王小明", "SG"),
        ["ja"] = ("YUKI", "TANAKA", "familyFirst", "田中由紀", "TANAKA YUKI", "JP"),
        ["ko"] = ("MINJI", "KIM", "familyFirst", null, "KIM MINJI", "KR"),
    };

    readonly LocalHostInstance host = fixture.Host;

    [Theory]
    [InlineData("en")]
    [InlineData("zh-Hans")]
    [InlineData("ja")]
    [InlineData("ko")]
    public async Task Journey_AForeignerLivingInChina_ReachesVerifiedWithEveryMistakeShownInTheirLanguage(string language)
    {
        (string given, string family, string order, string? chinese, string holder, string nationality) = People[language];
        string email = Builders.Email();
        string phone = Builders.ChineseMobile();

        await using Visitor person = await Visitor.OpenAsync(fixture.Browser, host.BaseAddress, language, "journey");
        IPage page = person.Page;

        // Start: the page speaks the browser's language and offers what the server takes: China where
        // the person lives, no sanctioned country, China as a nationality only to say whom this is for.
        Assert.Equal(language, await page.Locator("#language").InputValueAsync());
        Assert.Equal(language, await page.EvaluateAsync<string>("document.documentElement.lang"));
        Assert.Equal(await person.TextAsync("startTitle"), await person.HeadingAsync());
        Assert.Equal("CN", await page.InputValueAsync("#field-region"));
        Assert.Equal(0, await page.Locator("#field-region option[value=KP], #field-nationality option[value=KP], #field-region option[value=IR]").CountAsync());
        await person.CaptureAsync("start");
        await page.FillAsync("#field-email", email);
        await page.SelectOptionAsync("#field-nationality", "CN");
        Assert.Equal(await person.TextAsync("chineseCitizen"), (await page.Locator("#chinese-citizen").InnerTextAsync()).Trim());
        Assert.True(await page.IsDisabledAsync("#start-form button[type=submit]"));
        await person.CaptureAsync("start-chinese-citizen");
        await page.SelectOptionAsync("#field-nationality", nationality);
        Assert.True(await page.IsHiddenAsync("#chinese-citizen"));

        // A number of a third country is refused next to the number; the Chinese mobile, typed as people in China do, is not.
        await page.FillAsync("#field-phoneNumber", "+998 90 123 4567");
        await page.ClickAsync("#start-form button[type=submit]");
        Assert.Equal(await person.TextAsync("errors.phone-country-not-supported"), await person.ErrorAsync("phoneNumber"));
        await person.CaptureAsync("start-phone-country-not-supported");
        await page.FillAsync("#field-phoneNumber", phone[3..6] + " " + phone[6..10] + " " + phone[10..]);
        await page.ClickAsync("#start-form button[type=submit]");

        // The SMS code: a wrong one first.
        await person.AtAsync("phone-code");
        (string journeyId, string token) = await person.JourneyAsync();
        Assert.DoesNotContain(journeyId, page.Url, StringComparison.Ordinal);
        Assert.DoesNotContain(token, page.Url, StringComparison.Ordinal);
        JourneyDriver journey = JourneyDriver.Attach(host.Http, journeyId, token, email, phone);
        Assert.Equal("CN", (await journey.StatusAsync()).GetProperty("region").GetString());
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
            Assert.True(await mailbox.Page.IsVisibleAsync("#continue-here"), "the device that confirmed is offered to go on there");
            await mailbox.CaptureAsync("email-confirmed");
            Assert.Empty(mailbox.Problems);
        }

        // Personal details: the names in Chinese characters first — told at once to use the passport's
        // Latin letters — and a passport number too short.
        await person.AtAsync("profile");
        Assert.True(await page.EvaluateAsync<bool>("window.notReloaded === true"), "the page was reloaded instead of updated");
        Assert.Equal(nationality, await page.InputValueAsync("#field-nationality")); // as the start named it
        Assert.Equal(await person.TextAsync("nameOrderHelp"), (await page.Locator("#name-order-help p").First.InnerTextAsync()).Trim());
        await person.CaptureAsync("profile");
        await page.FillAsync("#field-givenName", "小明");
        await page.FillAsync("#field-familyName", "王");
        await page.CheckAsync(order == "givenFirst" ? "#order-given" : "#order-family");
        await page.FillAsync("#field-dateOfBirth", "1990-01-31");
        await page.FillAsync("#field-passportNumber", "X1");
        await page.ClickAsync("#profile-form button[type=submit]");
        Assert.Equal(await person.TextAsync("fields.givenName"), await person.ErrorAsync("givenName"));
        Assert.Equal(await person.TextAsync("fields.familyName"), await person.ErrorAsync("familyName"));
        Assert.Equal(await person.TextAsync("fields.passportNumber"), await person.ErrorAsync("passportNumber"));
        await person.CaptureAsync("profile-names-not-latin");
        await page.FillAsync("#field-givenName", given);
        await page.FillAsync("#field-familyName", family);
        if (chinese is not null)
        {
            await page.FillAsync("#field-chineseName", chinese);
        }

        Assert.Contains($"{family} {given}".ToUpperInvariant(), await page.Locator("#name-preview").InnerTextAsync(), StringComparison.Ordinal);
        await page.FillAsync("#field-passportNumber", Builders.Passport());
        await page.ClickAsync("#profile-form button[type=submit]");

        // A reload keeps the journey (the tab's session storage), and the address bar still holds nothing of it.
        await person.AtAsync("bank");
        await page.ReloadAsync();
        await person.Tab.WaitForAsync("document.documentElement.dataset.ready === 'true'", "the app after the reload");
        await person.AtAsync("bank");
        Assert.Equal(new Uri(host.BaseAddress, "/").ToString(), page.Url);

        // Bank details: a holder name that is not the profile's first; then the one the Chinese bank prints.
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

        // Erasing a verified account is asked first; that its record must be kept is news, not an error.
        await page.ClickAsync("#erase");
        Assert.Equal(await person.TextAsync("eraseQuestion"), (await page.Locator(".ask-question p").Last.InnerTextAsync()).Trim());
        await person.CaptureAsync("verified-erase-question");
        await page.ClickAsync("#erase-yes");
        await person.Tab.WaitForAsync("document.getElementById('erase-outcome').textContent.length > 0", "the erasure request's answer");
        Assert.Equal(0, await page.Locator(".end [role=alert]:not([hidden])").CountAsync());
        await person.CaptureAsync("verified-erasure-requested");

        // Nothing of the journey outside the tab's session storage.
        Assert.Equal(0, await page.EvaluateAsync<int>("localStorage.length"));
        Assert.Empty(await person.Tab.Context.CookiesAsync());
        Assert.Empty(person.Problems);
    }
}
