using Onboarding.Tests.Browser;

namespace Onboarding.Tests.OperatorPage;

/// <summary>A local host with the default test settings and one Chromium, shared by the operator page tests.</summary>
public sealed class OperatorPageFixture : HostAndBrowserFixture;
