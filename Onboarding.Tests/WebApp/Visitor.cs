using System.Text.Json;
using Microsoft.Playwright;
using Onboarding.Tests.Browser;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.WebApp;

/// <summary>
/// One person with the web app open in a browser context of their own (a phone-sized one unless
/// told otherwise). Knows the app's screens (<c>main[data-screen]</c>), reads its texts from
/// <c>texts.js</c> to check that each screen speaks the person's language, and saves a screenshot
/// of every screen it is asked to capture under <c>TestResults/web-app/</c>, checked with axe.
/// </summary>
public sealed class Visitor : IAsyncDisposable
{
    public const int PhoneWidth = 390;
    public const int PhoneHeight = 844;

    static readonly Dictionary<string, string> BrowserLocales = new()
    {
        ["en"] = "en-US",
        ["zh-Hans"] = "zh-CN",
        ["ja"] = "ja-JP",
        ["ko"] = "ko-KR",
    };

    readonly Uri app;
    readonly string folder;
    int shots;

    Visitor(BrowserTab tab, Uri app, string language, string folder)
    {
        Tab = tab;
        this.app = app;
        Language = language;
        this.folder = folder;
    }

    public BrowserTab Tab { get; }

    public IPage Page => Tab.Page;

    public string Language { get; private set; }

    public static async Task<Visitor> OpenAsync(Chromium browser, Uri host, string language, string folder, string? path = null, int width = PhoneWidth, int height = PhoneHeight)
    {
        BrowserTab tab = await browser.OpenAsync(width, height, BrowserLocales[language]);
        var visitor = new Visitor(tab, new Uri(host, "/"), language, folder);
        await visitor.Page.GotoAsync(path is null ? visitor.app.ToString() : new Uri(host, path).ToString());
        await tab.WaitForAsync("document.documentElement.dataset.ready === 'true'", "the app to start");
        return visitor;
    }

    /// <summary>Waits until the app shows <paramref name="screen"/> with no request in flight.</summary>
    public Task AtAsync(string screen, TimeSpan? timeout = null) => Tab.WaitForAsync(
        $"document.getElementById('main').dataset.screen === '{screen}' && document.documentElement.dataset.busy !== '1'", $"the '{screen}' screen", timeout ?? TimeSpan.FromSeconds(60));

    public Task IdleAsync() => Tab.WaitForAsync("document.documentElement.dataset.busy !== '1'", "the app's requests to end");

    public async Task<string> ScreenAsync() => await Page.EvaluateAsync<string>("document.getElementById('main').dataset.screen");

    /// <summary>A text of the page's language from texts.js: a string, or a function called with <paramref name="arguments"/>.</summary>
    public Task<string> TextAsync(string key, params object[] arguments) => TextInAsync(Language, key, arguments);

    public async Task<string> TextInAsync(string language, string key, params object[] arguments)
    {
        string path = string.Join("", key.Split('.').Select(part => $"[{JsonSerializer.Serialize(part)}]"));
        return await Page.EvaluateAsync<string>(
            $"async (args) => {{ const m = await import('/app/texts.js'); const text = m.texts[{JsonSerializer.Serialize(language)}]{path}; return typeof text === 'function' ? text(...args) : text; }}",
            arguments);
    }

    public async Task<string> HeadingAsync() => (await Page.Locator("main h1").InnerTextAsync()).Trim();

    /// <summary>The message shown for <paramref name="field"/> (its <c>data-error-for</c> element), once it is visible.</summary>
    public async Task<string> ErrorAsync(string field)
    {
        ILocator error = Page.Locator($"[data-error-for='{field}']:not([hidden])").First;
        await error.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });
        return (await error.InnerTextAsync()).Trim();
    }

    /// <summary>Screenshot (phone viewport, whole page) and axe, named by order and screen.</summary>
    public async Task CaptureAsync(string name)
    {
        shots++;
        string directory = RepositoryRoot.File("TestResults", "web-app", folder, Language);
        Directory.CreateDirectory(directory);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, $"{shots:00}-{name}.png"), FullPage = true });
        await Accessibility.AssertNoSeriousViolationsAsync(Page, $"{name} ({Language})");
    }

    /// <summary>Picks another language with the page's own picker.</summary>
    public async Task SwitchLanguageAsync(string language)
    {
        await Page.Locator("#language").SelectOptionAsync(language);
        Language = language;
        await Tab.WaitForAsync($"document.documentElement.lang === '{language}'", $"the page in {language}");
    }

    /// <summary>Puts a journey into this tab's session storage and reloads: the tab goes on with it, as after a reload.</summary>
    public async Task ResumeAsync(JourneyDriver journey)
    {
        await Page.EvaluateAsync(
            "j => sessionStorage.setItem('onboarding.journey', JSON.stringify({ journeyId: j.id, journeyToken: j.token }))",
            new { id = journey.JourneyId, token = journey.Token });
        await Page.ReloadAsync();
        await Tab.WaitForAsync("document.documentElement.dataset.ready === 'true'", "the app after the reload");
    }

    /// <summary>Fills and sends the start form; the app then shows the phone code screen.</summary>
    public async Task StartAsync(string email, string phone, string region = "US", string? nationality = null)
    {
        await Page.FillAsync("#field-email", email);
        if (nationality is not null)
        {
            await Page.SelectOptionAsync("#field-nationality", nationality);
        }

        await Page.SelectOptionAsync("#field-region", region);
        await Page.FillAsync("#field-phoneNumber", phone);
        await Page.ClickAsync("#start-form button[type=submit]");
        await IdleAsync();
    }

    /// <summary>The journey this tab holds in its session storage.</summary>
    public async Task<(string Id, string Token)> JourneyAsync()
    {
        string? stored = await Page.EvaluateAsync<string?>("sessionStorage.getItem('onboarding.journey')");
        Assert.False(string.IsNullOrEmpty(stored), "the tab keeps no journey");
        using JsonDocument journey = JsonDocument.Parse(stored);
        return (journey.RootElement.GetProperty("journeyId").GetString()!, journey.RootElement.GetProperty("journeyToken").GetString()!);
    }

    /// <summary>What the browser reported, less the failed requests the app answers on purpose (4xx).</summary>
    public string[] Problems => Tab.Problems
        .Where(problem => !problem.StartsWith("console error: Failed to load resource: the server responded with a status of 4", StringComparison.Ordinal))
        .ToArray();

    public ValueTask DisposeAsync() => Tab.DisposeAsync();
}
