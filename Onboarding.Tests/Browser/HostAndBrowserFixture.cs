using Onboarding.LocalHost.Durable;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Browser;

/// <summary>A local host (in-memory Durable engine, its own tables) and one Chromium, started side by side and shared by a class's tests.</summary>
public abstract class HostAndBrowserFixture : IAsyncLifetime
{
    public LocalHostInstance Host { get; private set; } = null!;

    public Chromium Browser { get; private set; } = null!;

    /// <summary>The host's settings beyond the test defaults.</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        Task<LocalHostInstance> host = LocalHostInstance.StartAsync(DurableBackend.InMemory, Settings);
        Task<Chromium> browser = Chromium.StartAsync();
        try
        {
            await Task.WhenAll(host, browser);
        }
        finally
        {
            // keep whatever started, so that DisposeAsync stops it even when the other failed
            if (host.IsCompletedSuccessfully)
            {
                Host = await host;
            }

            if (browser.IsCompletedSuccessfully)
            {
                Browser = await browser;
            }
        }
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        if (Host is not null)
        {
            await Host.DisposeAsync();
        }
    }
}
