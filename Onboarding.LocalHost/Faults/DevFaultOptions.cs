namespace Onboarding.LocalHost.Faults;

/// <summary>
/// Section <c>DevFaults</c>: fault injection into the local stand-ins (the local ACS endpoint, the
/// sandbox bank and the local Event Grid topic). Development only: the local host serves <c>/dev/faults</c> only when this and
/// <c>Onboarding:EnableDevelopmentRoutes</c> are on; the Functions app has neither.
/// </summary>
public sealed class DevFaultOptions
{
    public const string SectionName = "DevFaults";

    public bool Enabled { get; set; }
}
