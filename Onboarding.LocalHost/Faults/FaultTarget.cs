namespace Onboarding.LocalHost.Faults;

/// <summary>The stand-in a fault rule acts on.</summary>
public enum FaultTarget
{
    /// <summary>The local ACS endpoint (e-mail and SMS sends).</summary>
    Acs,

    /// <summary>The sandbox bank's payouts (<c>IDepositGateway</c>).</summary>
    Bank,

    /// <summary>The local Event Grid topic: publishing to it, and its deliveries to subscribers.</summary>
    EventGrid,
}
