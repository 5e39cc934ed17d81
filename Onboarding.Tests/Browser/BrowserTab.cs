using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Onboarding.Tests.Browser;

/// <summary>A page in its own browser context, with what the browser reported (console errors, page errors).</summary>
public sealed class BrowserTab : IAsyncDisposable
{
    readonly ConcurrentQueue<string> problems = new();

    public BrowserTab(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                problems.Enqueue($"console {message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => problems.Enqueue($"page error: {error}");
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public IReadOnlyCollection<string> Problems => problems;

    /// <summary>Waits until <paramref name="expression"/> is truthy; fails naming what was awaited.</summary>
    public async Task WaitForAsync(string expression, string what, TimeSpan? timeout = null)
    {
        try
        {
            // As a function, not a string: a string would be eval'ed in the page, which a strict CSP forbids.
            await Page.WaitForFunctionAsync($"() => ({expression})", null, new PageWaitForFunctionOptions { Timeout = (float)(timeout ?? TimeSpan.FromSeconds(30)).TotalMilliseconds, PollingInterval = 50 });
        }
        catch (TimeoutException exception)
        {
            throw new TimeoutException($"waited in vain for {what} ({expression})", exception);
        }
    }

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();
}
