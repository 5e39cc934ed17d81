using Microsoft.Playwright;

namespace Onboarding.Tests.Browser;

/// <summary>
/// Debian's <c>chromium</c> driven by Microsoft.Playwright (its own browser download is never used:
/// <see cref="BrowserTypeLaunchOptions.ExecutablePath"/> points at the installed one). One browser per
/// fixture; every <see cref="OpenAsync"/> is a fresh context, like another device or profile.
/// </summary>
public sealed class Chromium : IAsyncDisposable
{
    readonly IPlaywright playwright;

    Chromium(IPlaywright playwright, IBrowser browser)
    {
        this.playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    /// <summary>
    /// <c>ONBOARDING_CHROMIUM</c>, else the binary behind Debian's <c>/usr/bin/chromium</c> wrapper, else the
    /// first chromium on the PATH; null when there is none.
    /// </summary>
    public static string? FindExecutable()
    {
        string? configured = Environment.GetEnvironmentVariable("ONBOARDING_CHROMIUM");
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(configured) ? configured : null;
        }

        string[] path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return new[] { "/usr/lib/chromium/chromium", "/usr/bin/chromium" }
            .Concat(new[] { "chromium", "chromium-browser" }.SelectMany(name => path.Select(folder => Path.Combine(folder, name))))
            .FirstOrDefault(File.Exists);
    }

    public static async Task<Chromium> StartAsync()
    {
        string executable = FindExecutable() ?? throw new InvalidOperationException(
            "Chromium is not installed, so the browser tests cannot run. Install it with 'apt-get install -y chromium fonts-noto-cjk' "
            + "(./test.sh does this), or set ONBOARDING_CHROMIUM to a Chromium binary.");
        IPlaywright playwright = await Playwright.CreateAsync();
        try
        {
            IBrowser browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = executable,
                Headless = true,
                Args = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--hide-scrollbars", "--disable-background-networking", "--disable-component-update"],
            });
            return new Chromium(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>A new context (its own storage, like another device) with one page of that size.</summary>
    public async Task<BrowserTab> OpenAsync(int width, int height, string locale = "en-US")
    {
        IBrowserContext context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = locale,
            TimezoneId = "Asia/Shanghai",
            DeviceScaleFactor = 1,
        });
        context.SetDefaultTimeout(30_000);
        IPage page = await context.NewPageAsync();
        return new BrowserTab(context, page);
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright.Dispose();
    }
}
