using Microsoft.Playwright;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Browser;

/// <summary>A local host and one Chromium for <see cref="InlineStylePageTests"/>.</summary>
public sealed class InlineStylePageFixture : HostAndBrowserFixture;

/// <summary>
/// The pages that keep one small inline stylesheet (the e-mail link's page, the development outbox)
/// run under a policy without <c>'unsafe-inline'</c>: Chromium applies their own stylesheet (allowed by
/// its hash) and refuses nothing, and the confirmation still works.
/// </summary>
public sealed class InlineStylePageTests(InlineStylePageFixture fixture) : IClassFixture<InlineStylePageFixture>
{
    const string RecordViolations =
        "window.cspViolations = []; document.addEventListener('securitypolicyviolation', e => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));";

    [Fact]
    public async Task EmailLinkPage_OwnStyleByHash_AppliedAndTheConfirmationGoesThrough()
    {
        JourneyDriver journey = await JourneyDriver.StartAsync(fixture.Host.Http);
        await journey.ApplyAsync("/phone-code", new { code = await journey.PhoneCodeAsync() }, "awaitingEmailConfirmation");
        Uri link = await journey.EmailLinkAsync();
        Assert.Contains("/email-confirmation?token=", link.ToString(), StringComparison.Ordinal);

        await using BrowserTab tab = await fixture.Browser.OpenAsync(390, 844);
        IPage page = tab.Page;
        await page.AddInitScriptAsync(RecordViolations);
        await page.GotoAsync(link.ToString());
        Assert.Equal("rgb(21, 101, 192)", await page.EvaluateAsync<string>("getComputedStyle(document.querySelector('button')).backgroundColor"));
        Assert.Empty(await page.EvaluateAsync<string[]>("window.cspViolations"));

        await page.ClickAsync("button[type=submit]");
        await tab.WaitForAsync("document.querySelector('a[href*=\"resume=\"]') !== null", "the confirmed page");
        Assert.Equal("512px", await page.EvaluateAsync<string>("getComputedStyle(document.body).maxWidth"));
        Assert.Empty(await page.EvaluateAsync<string[]>("window.cspViolations"));
        Assert.Empty(tab.Problems);
        await journey.WaitForStageAsync("awaitingProfile");
    }

    [Fact]
    public async Task DevOutboxPage_OwnStyleByHash_AppliedAndItsFilterFormWorks()
    {
        JourneyDriver journey = await JourneyDriver.StartAsync(fixture.Host.Http);
        await journey.PhoneCodeAsync();

        await using BrowserTab tab = await fixture.Browser.OpenAsync(1280, 800);
        IPage page = tab.Page;
        await page.AddInitScriptAsync(RecordViolations);
        await page.GotoAsync(new Uri(fixture.Host.BaseAddress, "/dev/outbox").ToString());
        Assert.Equal("32px", await page.EvaluateAsync<string>("getComputedStyle(document.body).marginTop"));

        await page.FillAsync("input[name=to]", journey.Phone);
        await page.ClickAsync("form button");
        await page.WaitForURLAsync(url => url.Contains("to=", StringComparison.Ordinal));
        Assert.Equal("32px", await page.EvaluateAsync<string>("getComputedStyle(document.body).marginTop"));
        Assert.Empty(await page.EvaluateAsync<string[]>("window.cspViolations"));
        Assert.Empty(tab.Problems);
    }
}
