using System.Text.Json;
using Microsoft.Playwright;
using Onboarding.LocalHost.Durable;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.WebApp;

/// <summary>
/// The SMS code screen says what is true, in each language: a wrong code with the tries left; a new
/// code clears what was said about the old one; no tries left — Confirm off, a new code is the way
/// on; an expired code shown as expired (until when a new one can be had), not as "too many
/// attempts"; and when nothing is left, the end screen says the code was not entered in time. On a
/// host with a 6-second code, two tries per code and two new codes.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class WebAppCodeScreenTests(WebAppFixture fixture)
{
    [Theory]
    [InlineData("en")]
    [InlineData("zh-Hans")]
    [InlineData("ja")]
    [InlineData("ko")]
    public async Task PhoneCode_EveryState_SaysWhatIsTrueAndOffersOnlyWhatWorks(string language)
    {
        await using LocalHostInstance host = await LocalHostInstance.StartAsync(DurableBackend.InMemory, new Dictionary<string, string?>
        {
            ["Journey:PhoneCodeValidity"] = "00:00:06",
            ["Journey:MaxCodeAttempts"] = "2",
            ["Journey:MaxResends"] = "2",
        });
        JourneyDriver journey = await JourneyDriver.StartInChinaAsync(host.Http, language);
        await using Visitor person = await Visitor.OpenAsync(fixture.Browser, host.BaseAddress, language, "code-screen");
        IPage page = person.Page;
        await person.ResumeAsync(journey);
        await person.AtAsync("phone-code");
        string wrong = await journey.PhoneCodeAsync() == "000000" ? "111111" : "000000";

        // A wrong code: said next to the field, with the tries left.
        await page.FillAsync("#field-code", wrong);
        await page.ClickAsync("#code-form button[type=submit]");
        Assert.Equal(await person.TextAsync("errors.wrong-code", 1), await person.ErrorAsync("code"));
        await person.CaptureAsync("phone-code-wrong-code");

        // A new code: what was said about the old one goes.
        await page.ClickAsync("#resend-code");
        await person.Tab.WaitForAsync("document.getElementById('code-notice').textContent.length > 0", "the new code's notice");
        await person.IdleAsync();
        Assert.Equal(0, await page.Locator("[data-error-for=code]:not([hidden])").CountAsync());
        Assert.Equal(await person.TextAsync("attemptsLeft", 2), (await page.Locator("#attempts-info").InnerTextAsync()).Trim());
        Assert.Equal(await person.TextAsync("codeResent"), (await page.Locator("#code-notice").InnerTextAsync()).Trim());
        await person.CaptureAsync("phone-code-resent");

        // No tries left for this code: Confirm is off, and a new code is the way on.
        for (int attempt = 0; attempt < 2; attempt++)
        {
            await page.FillAsync("#field-code", wrong);
            await page.ClickAsync("#code-form button[type=submit]");
            await person.IdleAsync();
        }

        await person.Tab.WaitForAsync("document.querySelector('#code-form button[type=submit]').disabled", "Confirm to be off");
        Assert.Equal(await person.TextAsync("codeNoTriesLeft"), await person.ErrorAsync("code"));
        Assert.True(await page.IsDisabledAsync("#field-code"));
        await person.CaptureAsync("phone-code-no-tries-left");

        // The code expires while the page is open: expired, until when a new one can be had; Confirm still off.
        string expired = await person.TextAsync("codeExpired");
        await person.Tab.WaitForAsync(
            $"document.querySelector('[data-error-for=code]').textContent === {JsonSerializer.Serialize(expired)}",
            "the code to show as expired", TimeSpan.FromSeconds(30));
        Assert.Equal(await person.TextAsync("codeExpired"), await person.ErrorAsync("code"));
        await person.Tab.WaitForAsync("document.querySelector('.deadline time') !== null", "when a new code can be had", TimeSpan.FromSeconds(30));
        Assert.StartsWith((await person.TextAsync("newCodeBy", "|")).Split('|')[0], (await page.Locator(".deadline time").InnerTextAsync()).Trim(), StringComparison.Ordinal);
        Assert.True(await page.IsDisabledAsync("#code-form button[type=submit]"));
        Assert.Equal("code-expired", (await journey.StatusAsync()).GetProperty("lastError").GetProperty("code").GetString());
        await person.CaptureAsync("phone-code-expired");

        // The last new code: everything works again.
        await page.ClickAsync("#resend-code");
        await person.Tab.WaitForAsync("!document.querySelector('#code-form button[type=submit]').disabled", "Confirm to be on");
        Assert.Equal(await person.TextAsync("resendsLeft", 0), (await page.Locator("#resend-info").InnerTextAsync()).Trim());
        await person.CaptureAsync("phone-code-last-code");

        // It expires too, and no new code is left: the registration ends, and the end screen says why.
        await person.AtAsync("expired", TimeSpan.FromSeconds(60));
        string reason = await person.TextAsync("expiredAt.awaitingPhoneCode");
        await person.Tab.WaitForAsync($"document.getElementById('ending').textContent === {JsonSerializer.Serialize(reason)}", "the reason", TimeSpan.FromSeconds(30));
        await person.CaptureAsync("expired-code-not-entered");
        Assert.Empty(person.Problems);
    }
}
