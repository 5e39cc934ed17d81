namespace Onboarding.LocalHost.Faults;

/// <summary>What a matching request meets.</summary>
public enum FaultMode
{
    /// <summary>ACS, Event Grid: <c>429</c> with <c>Retry-After</c>; nothing sent or taken.</summary>
    Throttle,

    /// <summary>ACS, Event Grid: <c>503</c>; nothing sent or taken.</summary>
    Unavailable,

    /// <summary>ACS, Event Grid: no answer until the client gives up (or the rule ends, then 503); nothing sent or taken.</summary>
    Hang,

    /// <summary>Event Grid: the topic takes the event, but its delivery to the subscribers is lost (as if dead-lettered).</summary>
    Drop,

    /// <summary>Bank: the payout fails at once; nothing paid.</summary>
    Fail,

    /// <summary>Bank: no answer for the rule's delay, then a timeout; nothing paid.</summary>
    Timeout,

    /// <summary>Bank: the transfer is recorded, then the answer is lost (a timeout after the delay) — the idempotency case.</summary>
    TimeoutAfterPaying,
}
