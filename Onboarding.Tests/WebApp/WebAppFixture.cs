using Onboarding.Tests.Browser;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.WebApp;

/// <summary>
/// The host the web app's browser tests use: e-mail links open the app itself
/// (<c>Onboarding:EmailLinkBase</c>), one resend per step (so that the second is a 429), two tries
/// at the amounts in a single cycle (so that a wrong entry shows, and two of them lock), and a
/// support contact for the screens that name it.
/// </summary>
public sealed class WebAppFixture : HostAndBrowserFixture
{
    public const string SupportEmail = "support@onboarding.example";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Onboarding:EmailLinkBase"] = LocalHostInstance.PublicBaseUrlPlaceholder + "/",
        ["Journey:MaxResends"] = "1",
        ["Journey:MaxDepositAttempts"] = "2",
        ["Journey:MaxVerificationCycles"] = "1",
        ["Journey:EventStreamLifetime"] = "00:00:20",
        ["Support:Email"] = SupportEmail,
        ["Support:Phone"] = "+86 400 000 0000",
    };
}
