using Onboarding.LocalHost.Durable;
using Onboarding.Tests.Browser;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.OperatorPage;

/// <summary>A local host (in-memory Durable engine, its own tables) and one Chromium (through Playwright), shared by the operator page tests.</summary>
public sealed class OperatorPageFixture : IAsyncLifetime
{
    public LocalHostInstance Host { get; private set; } = null!;

    public Chromium Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Task<LocalHostInstance> host = LocalHostInstance.StartAsync(DurableBackend.InMemory);
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
